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

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning,
        Message = "Pausing requests to tracker {Tracker} for {Seconds} s ({Reason})")]
    public static partial void TrackerPaused(ILogger logger, string tracker, long seconds, string reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning,
        Message = "Tracker {Tracker} is rate limited for {Seconds} s, longer than the {MaxSeconds} s a request may wait; failing it")]
    public static partial void PauseTooLong(ILogger logger, string tracker, long seconds, long maxSeconds);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error,
        Message = "Tracker {Tracker} rejected its token (401); its requests fail without being sent for {Seconds} s")]
    public static partial void TrackerUnauthorized(ILogger logger, string tracker, long seconds);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning,
        Message = "Tracker {Tracker}: took the serial write turn from a replica whose lease expired {Seconds} s ago without being released (did it die mid-write?)")]
    public static partial void StaleSerialTurnTaken(ILogger logger, string tracker, long seconds);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning,
        Message = "Tracker {Tracker}: could not release a write slot in the shared store; its serial turn expires within {Seconds} s")]
    public static partial void SharedSlotReleaseFailed(ILogger logger, string tracker, long seconds, Exception exception);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning,
        Message = "Tracker {Tracker}: could not renew its serial write turn in the shared store")]
    public static partial void SerialTurnRenewalFailed(ILogger logger, string tracker, Exception exception);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning,
        Message = "Tracker {Tracker}: its serial write turn expired while the write was still running; another replica may write alongside it")]
    public static partial void SerialTurnLost(ILogger logger, string tracker);
}
