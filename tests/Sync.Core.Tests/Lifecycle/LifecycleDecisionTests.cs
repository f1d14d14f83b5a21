using Sync.Core.Lifecycle;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Lifecycle;

/// <summary>The lifecycle's decision as a pure function of entry, issue, votes, rules and time: every path, every human-wins case.</summary>
public sealed class LifecycleDecisionTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(60);
    private static readonly LifecycleRules Rules = new() { VotesNeeded = 20, ExemptAuthors = ["Maintainer"] };

    private static LifecycleIssue Issue(IssueState state = IssueState.Open, string? milestone = null, string author = "carol", bool confidential = false, DateTimeOffset? createdAt = null, params string[] labels) => new()
    {
        Number = 7,
        Title = "Dark mode",
        State = state,
        Labels = labels,
        Milestone = milestone,
        Author = author,
        CreatedAt = createdAt ?? Start.AddHours(-1),
        Confidential = confidential,
    };

    private static LifecycleEntry Entry(LifecyclePhase phase, int votes = 0, params string[] labels) => new()
    {
        Issue = Issue(labels: labels),
        Phase = phase,
        VotingStartedAt = Start,
        VotingEndsAt = End,
        Votes = votes,
        ClosedWithVotes = phase == LifecyclePhase.NotPlanned ? votes : null,
    };

    private static LifecycleDecision Decide(LifecycleEntry? entry, LifecycleIssue issue, int total, int inWindow, DateTimeOffset now) =>
        LifecycleDecision.Decide(entry, issue, new LifecycleVotes(total, inWindow), Rules, now, since: Start.AddDays(-1));

    [Fact]
    public void Decide_NewFeatureRequest_Starts()
    {
        Assert.Equal(LifecycleAction.Start, Decide(null, Issue(labels: "Feature-Request"), 0, 0, Start).Action);
    }

    [Theory]
    [InlineData("no request label")]
    [InlineData("closed")]
    [InlineData("confidential")]
    [InlineData("opened before since")]
    [InlineData("exempt label")]
    [InlineData("exempt scoped label")]
    [InlineData("exempt author")]
    [InlineData("any milestone")]
    [InlineData("already in the backlog")]
    [InlineData("already not planned")]
    public void Decide_NotACandidate_DoesNothing(string why)
    {
        var issue = why switch
        {
            "no request label" => Issue(labels: "bug"),
            "closed" => Issue(IssueState.Closed, labels: "feature-request"),
            "confidential" => Issue(confidential: true, labels: "feature-request"),
            "opened before since" => Issue(createdAt: Start.AddDays(-2), labels: "feature-request"),
            "exempt label" => Issue(labels: ["feature-request", "roadmap::next"]),
            "exempt scoped label" => Issue(labels: ["feature-request", "Roadmap::Later"]),
            "exempt author" => Issue(author: "maintainer", labels: "feature-request"),
            "any milestone" => Issue(milestone: "v2.0", labels: "feature-request"),
            "already in the backlog" => Issue(labels: ["feature-request", "candidate::backlog"]),
            _ => Issue(labels: ["feature-request", "candidate::not-planned"]),
        };

        Assert.Equal(LifecycleAction.None, Decide(null, issue, 50, 50, Start).Action);
    }

    [Fact]
    public void Decide_ExemptMilestonesListed_OnlyThoseMilestonesAreExempt()
    {
        var rules = new LifecycleRules { ExemptMilestones = ["Backlog grooming"] };
        var planned = Issue(milestone: "backlog GROOMING", labels: "feature-request");
        var other = Issue(milestone: "v2.0", labels: "feature-request");

        Assert.Equal(LifecycleAction.None, LifecycleDecision.Decide(null, planned, LifecycleVotes.None, rules, Start, Start.AddDays(-1)).Action);
        Assert.Equal(LifecycleAction.Start, LifecycleDecision.Decide(null, other, LifecycleVotes.None, rules, Start, Start.AddDays(-1)).Action);
    }

    [Fact]
    public void Decide_VotingBelowThresholdInsideTheWindow_DoesNothing()
    {
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        Assert.Equal(LifecycleAction.None, Decide(entry, entry.Issue, 19, 19, End).Action);
    }

    [Fact]
    public void Decide_VotingReachesThresholdInsideTheWindow_Reaches()
    {
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        Assert.Equal(LifecycleAction.Reach, Decide(entry, entry.Issue, 20, 20, Start.AddDays(3)).Action);
    }

    [Fact]
    public void Decide_FirstPassAfterTheEnd_CountsOnlyVotesWithinTheWindow()
    {
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        var after = End.AddMinutes(30);

        Assert.Equal(LifecycleAction.Reach, Decide(entry, entry.Issue, 25, 20, after).Action);
        Assert.Equal(LifecycleAction.Close, Decide(entry, entry.Issue, 25, 19, after).Action);
    }

    [Fact]
    public void Decide_WindowOverBelowThreshold_Closes()
    {
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        Assert.Equal(LifecycleAction.Close, Decide(entry, entry.Issue, 3, 3, End.AddHours(1)).Action);
    }

    [Fact]
    public void Decide_ClosedAndTheCountChanged_Recounts_UnchangedDoesNothing()
    {
        var entry = Entry(LifecyclePhase.NotPlanned, 3, "feature-request", "candidate::not-planned") with { Issue = Issue(IssueState.Closed, labels: ["feature-request", "candidate::not-planned"]) };

        Assert.Equal(LifecycleAction.None, Decide(entry, entry.Issue, 3, 3, End.AddDays(5)).Action);
        Assert.Equal(LifecycleAction.Recount, Decide(entry, entry.Issue, 9, 3, End.AddDays(5)).Action);
        Assert.Equal(LifecycleAction.Recount, Decide(entry, entry.Issue, 2, 2, End.AddDays(5)).Action); // a vote taken back
    }

    [Fact]
    public void Decide_ClosedAndLateVotesReachTheThreshold_Reopens()
    {
        var entry = Entry(LifecyclePhase.NotPlanned, 3) with { Issue = Issue(IssueState.Closed, labels: ["feature-request", "candidate::not-planned"]) };
        Assert.Equal(LifecycleAction.Reopen, Decide(entry, entry.Issue, 20, 3, End.AddDays(40)).Action);
    }

    [Theory]
    [InlineData("closed by a human")]
    [InlineData("voting label removed")]
    [InlineData("made confidential")]
    public void Decide_HumanTakesOverAVotingIssue_StopsWithoutAWrite(string what)
    {
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        var issue = what switch
        {
            "closed by a human" => entry.Issue with { State = IssueState.Closed },
            "made confidential" => entry.Issue with { Confidential = true },
            _ => entry.Issue with { Labels = ["feature-request"] },
        };

        var decision = Decide(entry, issue, 30, 30, Start.AddDays(1));

        Assert.Equal(LifecycleAction.Stop, decision.Action);
        Assert.NotNull(decision.Reason);
    }

    [Theory]
    [InlineData("milestone")]
    [InlineData("roadmap label")]
    [InlineData("exempt label")]
    public void Decide_VotingIssueBecomesExempt_StopsRemovingTheVotingLabel(string what)
    {
        var rules = Rules with { ExemptLabels = ["roadmap::*", "wontfix"] };
        var entry = Entry(LifecyclePhase.Voting, 0, "feature-request", "candidate::voting");
        var issue = what switch
        {
            "milestone" => entry.Issue with { Milestone = "v3" },
            "roadmap label" => entry.Issue with { Labels = [.. entry.Issue.Labels, "roadmap::now"] },
            _ => entry.Issue with { Labels = [.. entry.Issue.Labels, "WontFix"] },
        };

        var decision = LifecycleDecision.Decide(entry, issue, new LifecycleVotes(30, 30), rules, Start.AddDays(1), Start);

        Assert.Equal(LifecycleAction.StopPlanned, decision.Action);
        Assert.Contains(what == "milestone" ? "milestone v3" : what == "roadmap label" ? "roadmap::now" : "WontFix", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reopened by a human")]
    [InlineData("not-planned label removed")]
    [InlineData("planned while closed")]
    public void Decide_HumanTakesOverAClosedIssue_StopsWithoutAWrite(string what)
    {
        var closed = Issue(IssueState.Closed, labels: ["feature-request", "candidate::not-planned"]);
        var entry = Entry(LifecyclePhase.NotPlanned, 3) with { Issue = closed };
        var issue = what switch
        {
            "reopened by a human" => closed with { State = IssueState.Open },
            "not-planned label removed" => closed with { Labels = ["feature-request"] },
            _ => closed with { Milestone = "v3" },
        };

        Assert.Equal(LifecycleAction.Stop, Decide(entry, issue, 30, 30, End.AddDays(2)).Action);
    }

    [Theory]
    [InlineData(LifecyclePhase.Backlog)]
    [InlineData(LifecyclePhase.Reopened)]
    [InlineData(LifecyclePhase.Stopped)]
    public void Decide_DecidedIssues_AreNeverTouchedAgain(LifecyclePhase phase)
    {
        var entry = Entry(phase, 20, "feature-request");
        Assert.Equal(LifecycleAction.None, Decide(entry, entry.Issue with { State = IssueState.Closed }, 0, 0, End.AddDays(100)).Action);
        Assert.Equal(LifecycleAction.None, Decide(entry, entry.Issue, 100, 100, End.AddDays(100)).Action);
    }

    [Theory]
    [InlineData("roadmap::*", "roadmap::now", true)]
    [InlineData("roadmap::*", "ROADMAP::later", true)]
    [InlineData("roadmap::*", "roadmap::", false)]
    [InlineData("roadmap::*", "roadmapping", false)]
    [InlineData("wontfix", "WontFix", true)]
    [InlineData("wontfix", "wontfix::x", false)]
    public void LabelMatches_ScopeWildcardOrName(string pattern, string label, bool matches) =>
        Assert.Equal(matches, LifecycleDecision.LabelMatches(pattern, label));

    [Fact]
    public void Votes_AreUpVotersPlusAnonymous_InWindowOnlyVotersAtOrBeforeTheEnd()
    {
        var demand = new DemandDocument(Up: 3, Down: 1, Weighted: 2, UniqueVoters: 4, new Dictionary<string, DateTimeOffset>
        {
            ["a"] = End.AddDays(-1),
            ["b"] = End,
            ["c"] = End.AddDays(2),
            ["d"] = End.AddDays(-3), // the down voter
        })
        { Anonymous = 5 };

        var votes = LifecycleVotes.Of(demand, End);

        Assert.Equal(8, votes.Total); // 3 up voters + 5 forum votes; the down voter is no vote
        Assert.Equal(8, votes.InWindow); // a, b, d at or before the end, bounded by the 3 up voters, + 5
        Assert.Equal(6, LifecycleVotes.Of(demand, End.AddDays(-2)).InWindow); // only d by then, + 5
    }
}
