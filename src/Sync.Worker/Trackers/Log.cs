using Microsoft.Extensions.Logging;

namespace Sync.Worker.Trackers;

/// <summary>Log messages of the tracker adapters. Event ids are stable (1100-1199); nothing here carries a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Retrying {Method} {Endpoint} on tracker {Tracker} (attempt {Attempt}) in {DelayMs} ms after {Outcome}")]
    public static partial void RetryingRequest(ILogger logger, string tracker, string method, string endpoint, int attempt, long delayMs, string outcome);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Tracker {Tracker} failed {Resource}: {ErrorKind}")]
    public static partial void RequestFailed(ILogger logger, string tracker, string resource, string errorKind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "Listed {Count} issues of {Tracker}:{Project} in {Pages} page(s)")]
    public static partial void ListedIssues(ILogger logger, string tracker, string project, int count, int pages);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug,
        Message = "Skipped {Count} pull request(s) while listing issues of {Tracker}:{Project}")]
    public static partial void SkippedPullRequests(ILogger logger, string tracker, string project, int count);
}
