namespace Sync.Worker.Jobs;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Product {Product}, step {Step}: {Line}")]
    public static partial void StepLine(ILogger logger, string product, string step, string line);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Product {Product} is being synced by another run; skipped")]
    public static partial void ProductBusy(ILogger logger, string product);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Product {Product} synced ({Writes} tracker writes)")]
    public static partial void ProductSynced(ILogger logger, string product, int writes);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Recurring job {JobId} registered: '{Cron}' in {TimeZone}")]
    public static partial void RecurringJobRegistered(ILogger logger, string jobId, string cron, string timeZone);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Recurring job {JobId} removed: its product is no longer configured")]
    public static partial void RecurringJobRemoved(ILogger logger, string jobId);
}
