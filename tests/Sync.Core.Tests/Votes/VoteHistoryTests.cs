using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

/// <summary>The history of an issue counted for the first time, read from when its present reactions were given.</summary>
public sealed class VoteHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static long _nextId;

    private static TrackerReaction R(string user, string emoji, int daysAgo) =>
        new(Interlocked.Increment(ref _nextId), emoji, new TrackerUser(user, 0), Now.AddDays(-daysAgo));

    [Fact]
    public void AsOf_KeepsOnlyTheReactionsGivenByThen_InEverySource()
    {
        var votes = new IssueVotes(
            "gitlab", "author", [R("a", "thumbsup", 30), R("b", "thumbsup", 3)], [R("c", "thumbsup", 10)],
            [new VoteSource("github", [R("d", "+1", 20), R("e", "+1", 1)])]);

        var then = votes.AsOf(Now.AddDays(-10));

        Assert.Equal(["a"], then.Reactions.Select(r => r.User.Username));
        Assert.Equal(["c"], then.CommentReactions!.Select(r => r.User.Username));
        Assert.Equal(["d"], then.Additional!.Single().Reactions.Select(r => r.User.Username));
    }

    [Fact]
    public void PastSnapshots_WeeklyTalliesOfWhatWasGivenByThen_OnlyWhereTheCountsChange()
    {
        var votes = new IssueVotes("gitlab", "author", [R("a", "thumbsup", 60), R("b", "thumbsup", 20), R("c", "thumbsdown", 9), R("d", "thumbsup", 2)]);

        var past = VotesStep.PastSnapshots("p", "gitlab:acme/w#1", votes, new VoteRules(), Now);

        Assert.Equal(
            [(91, 0, 0, 0), (56, 1, 0, 1), (14, 2, 0, 2), (7, 2, 1, 3)],
            past.Select(s => ((int)(Now - s.TakenAt).TotalDays, s.Up, s.Down, s.UniqueVoters)));
        Assert.All(past, s => Assert.Equal(("p", "gitlab:acme/w#1"), (s.Product, s.Issue)));
    }

    [Fact]
    public void PastSnapshots_EveryVoteOlderThanThirteenWeeks_IsOnePointWithTodaysCounts()
    {
        var votes = new IssueVotes("gitlab", "author", [R("a", "thumbsup", 200)]);

        var past = Assert.Single(VotesStep.PastSnapshots("p", "i", votes, new VoteRules(), Now));

        Assert.Equal((Now.AddDays(-7 * VotesStep.PastWeeks), 1, 1), (past.TakenAt, past.Up, past.UniqueVoters));
    }
}
