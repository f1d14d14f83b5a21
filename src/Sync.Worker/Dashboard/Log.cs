using Sync.Worker.Triggers;

namespace Sync.Worker.Dashboard;

internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Dashboard credentials rejected for a request from {Remote}")]
    public static partial void CredentialsRejected(ILogger logger, string remote);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Dashboard action by {User}: product {Product}, stage {Stage}: {Outcome} (job {JobId}, {Deliveries} pending)")]
    public static partial void ActionRequested(ILogger logger, string user, string product, string stage, TriggerOutcome outcome, string jobId, int deliveries);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Dashboard credentials from {Remote} failed {Failures} times within {Window}; answering 429 until the window ends")]
    public static partial void FailureLimitReached(ILogger logger, string remote, int failures, TimeSpan window);
}
