using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sync.Worker.Health;

internal static partial class Log
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Readiness of tracker {Tracker}: {Status}: {Description}")]
    public static partial void TrackerNotReady(ILogger logger, string tracker, HealthStatus status, string description);
}
