using Sync.Core.Storage;

namespace Sync.Worker.Triggers;

/// <summary>Trigger log lines (event ids 1600–1699): products, stages, job ids and counts; never a payload.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Trigger {Product}/{Stage}: run enqueued as job {JobId} ({Reason})")]
    public static partial void Armed(ILogger logger, string product, string stage, string jobId, string reason);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Trigger {Product}/{Stage}: product busy; {Deliveries} request(s) wait for the current run (job {JobId})")]
    public static partial void Parked(ILogger logger, string product, string stage, int deliveries, string jobId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Trigger {Product}/{Stage}: the run failed; {Deliveries} request(s) naming {Issues} issue(s) are pending again")]
    public static partial void Restored(ILogger logger, string product, string stage, int deliveries, int issues);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Trigger {Product}/{Stage}: run {State} with job {JobId} since {Since:o} is gone ({JobState}); enqueuing another")]
    public static partial void Lost(ILogger logger, string product, string stage, TriggerState state, string jobId, DateTimeOffset since, string jobState);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Product {Product}, stage {Stage}: run took {Triggers} trigger(s), {Deliveries} request(s), {Issues} issue(s) named")]
    public static partial void Taken(ILogger logger, string product, string stage, int triggers, int deliveries, int issues);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Information, Message = "Trigger {Product}/{Stage}: product is no longer configured; {Deliveries} request(s) dropped")]
    public static partial void Dropped(ILogger logger, string product, string stage, int deliveries);
}
