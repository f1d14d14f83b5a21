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
}
