using Microsoft.Extensions.Logging;

namespace Sync.Worker.Trackers.Discourse;

internal static partial class DiscourseLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Discourse tracker {Tracker}: no document store, so the voters of {Topic} are not kept before it is closed; a voting plugin that drops a closed topic's voters loses them")]
    public static partial void VotersNotKept(ILogger logger, string tracker, string topic);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Discourse tracker {Tracker}: kept {Voters} voter(s) and a vote count of {VoteCount} of {Topic} before setting it {Status}")]
    public static partial void VotersKept(ILogger logger, string tracker, string topic, int voters, int voteCount, string status);
}
