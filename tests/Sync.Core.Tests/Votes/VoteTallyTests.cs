using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class VoteTallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = Now.AddDays(-200);
    private static long _nextId;

    private static TrackerReaction R(string user, string emoji, DateTimeOffset? at = null) =>
        new(Interlocked.Increment(ref _nextId), emoji, new TrackerUser(user, 0), at ?? Now.AddDays(-1));

    private static IssueVotes Issue(params TrackerReaction[] reactions) => new("gitlab", "author", reactions);

    [Fact]
    public void Count_SkinTonesOneToFive_EachCountAsUp()
    {
        var signal = VoteTally.Count(
            Issue(R("a", "thumbsup_tone1"), R("b", "thumbsup_tone2"), R("c", "thumbsup_tone3"), R("d", "thumbsup_tone4"), R("e", "thumbsup_tone5")),
            new VoteRules(),
            Now);

        Assert.Equal(5, signal.Up);
        Assert.Equal(5, signal.UniqueVoters);
    }

    [Fact]
    public void Count_OnePersonWithThumbsUpAndToneThree_CountsOnce()
    {
        var signal = VoteTally.Count(Issue(R("a", "thumbsup"), R("a", "thumbsup_tone3")), new VoteRules(), Now);

        Assert.Equal(new VoteCounts(1, 0, 1, 1), signal.All);
    }

    [Fact]
    public void Count_UpThenDown_MostRecentVoteWins()
    {
        var signal = VoteTally.Count(
            Issue(R("a", "thumbsup", Now.AddDays(-5)), R("a", "thumbsdown", Now.AddDays(-2)), R("b", "-1", Now.AddDays(-9)), R("b", "+1", Now.AddDays(-3))),
            new VoteRules(),
            Now);

        Assert.Equal(new VoteCounts(1, 1, 0, 2), signal.All);
    }

    [Fact]
    public void Count_AuthorVote_IsExcludedByDefault()
    {
        var signal = VoteTally.Count(Issue(R("author", "thumbsup"), R("a", "thumbsup")), new VoteRules(), Now);

        Assert.Equal(1, signal.Up);
        Assert.Equal(["gitlab:a"], signal.Voters);
    }

    [Fact]
    public void Count_AuthorVoteWithExclusionOff_IsCounted()
    {
        var signal = VoteTally.Count(Issue(R("author", "thumbsup"), R("a", "thumbsup")), new VoteRules { ExcludeAuthor = false }, Now);

        Assert.Equal(2, signal.Up);
    }

    [Fact]
    public void Count_AuthorVotingFromTheMappedGitHubLogin_IsExcluded()
    {
        var rules = new VoteRules { IdentityMap = [new("gitlab:author", "github:author-gh")] };
        var input = Issue(R("a", "thumbsup")) with { Additional = [new VoteSource("github", [R("author-gh", "+1")])] };

        Assert.Equal(1, VoteTally.Count(input, rules, Now).Up);
    }

    [Fact]
    public void Count_BotReaction_IsExcluded()
    {
        var signal = VoteTally.Count(Issue(R("triage-bot", "thumbsup"), R("a", "thumbsup")), new VoteRules { Bots = ["Triage-Bot"] }, Now);

        Assert.Equal(new VoteCounts(1, 0, 1, 1), signal.All);
    }

    [Fact]
    public void Count_ExtraEmoji_AddTheirWeightOncePerVoterPerEmoji()
    {
        var rules = new VoteRules { ExtraEmoji = new Dictionary<string, double> { ["heart"] = 1, ["rocket"] = 0.5 } };
        var signal = VoteTally.Count(
            Issue(R("a", "thumbsup"), R("a", "heart"), R("b", "rocket"), R("b", "heart"), R("c", "thumbsdown"), R("d", "laugh")),
            rules,
            Now);

        // 1 up - 1 down + heart(a) 1 + rocket(b) 0.5 + heart(b) 1; d's laugh is not counted at all.
        Assert.Equal(new VoteCounts(1, 1, 2.5, 3), signal.All);
    }

    [Fact]
    public void Count_CommentReactions_IgnoredByDefault()
    {
        var input = Issue(R("a", "thumbsup")) with { CommentReactions = [R("b", "thumbsup")] };

        Assert.Equal(1, VoteTally.Count(input, new VoteRules(), Now).Up);
    }

    [Fact]
    public void Count_CommentReactionsWhenEnabled_AreCountedOncePerVoter()
    {
        var input = Issue(R("a", "thumbsup")) with { CommentReactions = [R("b", "thumbsup"), R("a", "thumbsup")] };

        Assert.Equal(new VoteCounts(2, 0, 2, 2), VoteTally.Count(input, new VoteRules { CountCommentVotes = true }, Now).All);
    }

    [Fact]
    public void Count_ReactionExactlyAtWindowStart_IsInTheWindow()
    {
        var signal = VoteTally.Count(Issue(R("a", "thumbsup", Now.AddDays(-90)), R("b", "thumbsup", Old)), new VoteRules(), Now);

        Assert.Equal(new VoteCounts(1, 0, 1, 1), signal.Recent);
        Assert.Equal(2, signal.Up);
    }

    [Fact]
    public void Count_ReactionOneTickBeforeWindowStart_IsOutsideTheWindow()
    {
        var signal = VoteTally.Count(Issue(R("a", "thumbsup", Now.AddDays(-90).AddTicks(-1))), new VoteRules(), Now);

        Assert.Equal(VoteCounts.Zero, signal.Recent);
        Assert.Equal(1, signal.Up);
    }

    [Fact]
    public void Count_MovedIssue_MappedVoterOnSourceAndTargetCountsOnce()
    {
        var rules = new VoteRules { IdentityMap = [new("gitlab:alice", "github:alice-gh")] };
        var target = new IssueVotes("github", "author", [R("alice-gh", "+1"), R("carol", "+1")])
        {
            Additional = [new VoteSource("gitlab", [R("alice", "thumbsup_tone2"), R("bob", "thumbsup")])],
        };

        var signal = VoteTally.Count(target, rules, Now);

        Assert.Equal(3, signal.Up);
        Assert.Equal(["github:alice-gh", "github:carol", "gitlab:bob"], signal.Voters);
    }

    [Fact]
    public void Count_DuplicatesRolledUp_AddTheirVotersOnce()
    {
        var input = Issue(R("a", "thumbsup"), R("b", "thumbsup")) with
        {
            Additional =
            [
                new VoteSource("gitlab", [R("b", "thumbsup"), R("c", "thumbsup")]),
                new VoteSource("gitlab", [R("a", "thumbsup"), R("c", "thumbsup"), R("d", "thumbsup")]),
            ],
        };

        var signal = VoteTally.Count(input, new VoteRules(), Now);

        Assert.Equal(new VoteCounts(4, 0, 4, 4), signal.All);
        Assert.Equal(["gitlab:a", "gitlab:b", "gitlab:c", "gitlab:d"], signal.Voters);
    }

    [Fact]
    public void Count_NoReactions_IsZero()
    {
        var signal = VoteTally.Count(Issue(), new VoteRules(), Now);

        Assert.Equal(VoteCounts.Zero, signal.All);
        Assert.Empty(signal.Voters);
    }

    [Fact]
    public void Count_NextTallyWithOtherExtraEmoji_ClassifiesByItsOwnRules()
    {
        // A tally reuses its thread's working state: what an emoji meant under one rules must not leak into the next.
        var issue = Issue(R("a", "heart"), R("b", "thumbsup"));
        var hearts = VoteTally.Count(issue, new VoteRules { ExtraEmoji = new Dictionary<string, double> { ["heart"] = 2 } }, Now);
        var plain = VoteTally.Count(issue, new VoteRules(), Now);

        Assert.Equal(new VoteCounts(1, 0, 3, 2), hearts.All);
        Assert.Equal(new VoteCounts(1, 0, 1, 1), plain.All);
    }

    [Fact]
    public void Count_VeryLongUsernames_CountAndMapLikeShortOnes()
    {
        var longName = new string('x', 400);
        var rules = new VoteRules { IdentityMap = [new($"gitlab:{longName}", "github:short")] };
        var votes = new IssueVotes(
            "gitlab", "author", [R(longName.ToUpperInvariant(), "thumbsup"), R(" Bob", "thumbsup")], Additional: [new VoteSource("github", [R("short", "thumbsup")])]);

        var signal = VoteTally.Count(votes, rules, Now);

        Assert.Equal(["github:short", "gitlab: bob"], signal.Voters);
        Assert.Equal(new VoteCounts(2, 0, 2, 2), signal.All);
    }
}
