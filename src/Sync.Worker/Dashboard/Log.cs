namespace Sync.Worker.Dashboard;

internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Dashboard credentials rejected for a request from {Remote}")]
    public static partial void CredentialsRejected(ILogger logger, string remote);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Dashboard action by {User}: enqueued job {JobId}, product {Product}, stage {Stage}")]
    public static partial void ActionEnqueued(ILogger logger, string user, string jobId, string product, string stage);
}
