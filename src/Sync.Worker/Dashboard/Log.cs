namespace Sync.Worker.Dashboard;

internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Dashboard credentials rejected for a request from {Remote}")]
    public static partial void CredentialsRejected(ILogger logger, string remote);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Dashboard action by {User}: enqueued job {JobId}, product {Product}, stage {Stage}")]
    public static partial void ActionEnqueued(ILogger logger, string user, string jobId, string product, string stage);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Dashboard credentials from {Remote} failed {Failures} times within {Window}; answering 429 until the window ends")]
    public static partial void FailureLimitReached(ILogger logger, string remote, int failures, TimeSpan window);
}
