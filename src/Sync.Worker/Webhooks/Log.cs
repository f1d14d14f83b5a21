using Sync.Worker.Triggers;

namespace Sync.Worker.Webhooks;

/// <summary>Webhook log lines (event ids 1300–1399). Never a token, a signature or any part of a payload.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Webhook {Source} {Event}: accepted {Issue} for product {Product}, stage {Stage}: {Outcome} (job {JobId}, {Deliveries} pending)")]
    public static partial void Accepted(ILogger logger, string source, string @event, string issue, string product, string stage, TriggerOutcome outcome, string jobId, int deliveries);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Webhook {Source}: delivery rejected ({Reason})")]
    public static partial void Rejected(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Webhook {Source} {Event}: delivery {DeliveryId} already received; nothing enqueued")]
    public static partial void Duplicate(ILogger logger, string source, string @event, string deliveryId);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Webhook {Source} {Event}: delivery {DeliveryId} has the body of a delivery already received (a replay, or one event sent by two hooks); nothing enqueued")]
    public static partial void Replay(ILogger logger, string source, string @event, string deliveryId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Webhook {Source} {Event}: {Reason}")]
    public static partial void Ignored(ILogger logger, string source, string @event, string reason);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Webhook {Source} {Event}: malformed payload ({Reason})")]
    public static partial void Malformed(ILogger logger, string source, string @event, string reason);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Resync of {Issue} (product {Product}), a job of an earlier version: requested stage {Stage}: {Outcome} (job {JobId})")]
    public static partial void ResyncStage(ILogger logger, string issue, string product, string stage, TriggerOutcome outcome, string jobId);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Resync of {Issue}: product {Product} no longer reads its project; nothing to do")]
    public static partial void ResyncNotCovered(ILogger logger, string issue, string product);
}
