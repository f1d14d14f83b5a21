using Microsoft.Extensions.Logging;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>Log messages of the GitHub adapter (event ids 1150-1169; the shared tracker range is 1100-1199). No tokens, no bodies.</summary>
internal static partial class GitHubLog
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Warning,
        Message = "Tracker {Tracker} could not store the conditional-request validator of an issue listing ({ErrorKind}); the next listing is sent unconditionally")]
    public static partial void CacheWriteFailed(ILogger logger, string tracker, string errorKind);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Debug,
        Message = "Tracker {Tracker}: label '{Label}' was already off {Resource}")]
    public static partial void LabelAlreadyRemoved(ILogger logger, string tracker, string label, string resource);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Information,
        Message = "Tracker {Tracker}: read the vote signals of {Count} issues of {Project} in {Pages} pages ({PullRequests} pull requests skipped)")]
    public static partial void ReadVoteSignals(ILogger logger, string tracker, string project, int count, int pages, int pullRequests);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Information,
        Message = "Tracker {Tracker}: no {Resource} (not found or gone); left out of the vote signals")]
    public static partial void VoteSignalNotFound(ILogger logger, string tracker, string resource);

    [LoggerMessage(EventId = 1157, Level = LogLevel.Warning,
        Message = "Tracker {Tracker}: GitHub answered {Resource} with {AnsweredAs} (transferred, or the repository was renamed); treated as not found there")]
    public static partial void IssueTransferred(ILogger logger, string tracker, string resource, string answeredAs);

    [LoggerMessage(EventId = 1158, Level = LogLevel.Error,
        Message = "Tracker {Tracker}: configuration error on {Project}: {Problem}")]
    public static partial void WritesDropped(ILogger logger, string tracker, string project, string problem);

    [LoggerMessage(EventId = 1159, Level = LogLevel.Debug,
        Message = "Tracker {Tracker}: GitHub dropped the {What} on {Resource} again (already reported for the repository)")]
    public static partial void WritesDroppedAgain(ILogger logger, string tracker, string resource, string what);

    [LoggerMessage(EventId = 1156, Level = LogLevel.Information,
        Message = "Tracker {Tracker}: GitHub kept the labels and milestone IssueSync set on {Project} again; its push-access problem is cleared")]
    public static partial void WritesKeptAgain(ILogger logger, string tracker, string project);
}
