using Sync.Core.Forums;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Tests.Moving.Planning;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Forums;

/// <summary>What a forum source changes in Core: eligibility, attribution, closing, and how its number-only votes count.</summary>
public sealed class ForumRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static TrackerIssue Idea(int votes = 0, bool answered = false, params string[] labels) => PlanningFixtures.Issue() with
    {
        Labels = labels,
        Upvotes = votes,
        Answered = answered,
    };

    [Fact]
    public void IsEligible_NoLabelsConfigured_AnOpenIdeaWithoutLabelsMoves()
    {
        var rules = new ForumRules();

        Assert.Empty(rules.LabelsOrDefault);
        Assert.Empty(rules.ListingQuery.Labels!);
        Assert.True(rules.IsEligible(Idea(), Now, out var reason), reason);
    }

    [Fact]
    public void IsEligible_LabelsConfigured_NeedsThemAll()
    {
        var rules = new ForumRules { Labels = ["feature"] };

        Assert.False(rules.IsEligible(Idea(), Now, out var reason));
        Assert.Equal("missing label 'feature'", reason);
        Assert.True(rules.IsEligible(Idea(0, false, "feature"), Now, out _));
    }

    [Fact]
    public void IsEligible_MinVotes_CountsTheForumsNumber()
    {
        var rules = new ForumRules { MinVotes = 5 };

        Assert.False(rules.IsEligible(Idea(votes: 4), Now, out var reason));
        Assert.Equal("4 forum vote(s), fewer than 5", reason);
        Assert.True(rules.IsEligible(Idea(votes: 5), Now, out _));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void IsEligible_Answered_FiltersByTheAnswer(bool wanted, bool answered, bool eligible)
    {
        var rules = new ForumRules { Answered = wanted };

        Assert.Equal(eligible, rules.IsEligible(Idea(answered: answered), Now, out _));
    }

    [Theory]
    [InlineData(ForumClose.Close, ForumCloseReason.Duplicate, true, "duplicate")]
    [InlineData(ForumClose.Close, ForumCloseReason.Outdated, true, "outdated")]
    [InlineData(ForumClose.Lock, ForumCloseReason.Duplicate, true, ForumRules.LockReason)]
    [InlineData(ForumClose.Keep, ForumCloseReason.Duplicate, false, "duplicate")]
    public void CloseAs_DecidesTheClosingEdit(ForumClose closeAs, ForumCloseReason reason, bool closes, string stateReason)
    {
        var rules = new ForumRules { CloseAs = closeAs, CloseReason = reason };

        Assert.Equal(closes, rules.CloseSource);
        Assert.Equal(new IssueEdit(State: IssueState.Closed, StateReason: stateReason), rules.CloseEdit);
    }

    [Fact]
    public void Plan_ForumIdea_SaysMovedFromTheFeatureForum()
    {
        var plan = new MovePlanner().Plan(PlanningFixtures.Input(issue: Idea(), rules: new ForumRules()));

        Assert.StartsWith("> Moved from the feature forum · originally opened by **alice** on 2026-01-31\n\n", plan.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ForumWithASourceName_NamesIt()
    {
        var plan = new MovePlanner().Plan(PlanningFixtures.Input(issue: Idea(), rules: new ForumRules { SourceName = "Widget ideas" }));

        Assert.StartsWith("> Moved from **Widget ideas** · ", plan.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jane **[x](https://evil.example/a)** <img src=x onerror=alert(1)>", "Jane x https evil.example a img src x onerror alert 1")]
    [InlineData("@everyone", "everyone")]
    [InlineData("José O'Neil-Smith", "José O'Neil-Smith")]
    [InlineData("`]]>` <!-- -->", "someone")]
    [InlineData("ghp_0123456789abcdefABCDEF0123456789abcd", "REDACTED")]
    public void Plan_ForumAuthorThatIsNoUsername_IsShownAsPlainWords(string author, string shown)
    {
        var idea = Idea() with { Author = new TrackerUser(author, 0) };
        var comment = new TrackerComment { Id = 5, Body = "Same here.", Author = new TrackerUser(author, 0), CreatedAt = PlanningFixtures.Issue().CreatedAt };

        var plan = new MovePlanner().Plan(PlanningFixtures.Input(issue: idea, comments: [comment], rules: new ForumRules()));

        Assert.StartsWith($"> Moved from the feature forum · originally opened by **{shown}** on ", plan.Body, StringComparison.Ordinal);
        Assert.StartsWith($"> **{shown}** commented on ", plan.Comments[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_ForumSourceWithNumberOnlyVotes_KeepsThemApartAndMergesVotersByIdentity()
    {
        static TrackerReaction Up(string user) => new(user.GetHashCode(StringComparison.Ordinal), "+1", new TrackerUser(user, 0), Now.AddDays(-3));

        // The forum idea is the original (its author's vote never counts); the public issue's voters merge in by identity.
        var votes = new IssueVotes("forum", "author", [Up("alice"), Up("bob"), Up("author")], Additional: [new VoteSource("github", [Up("alice-gh"), Up("carol")])])
        {
            Anonymous = 42,
        };
        var rules = new VoteRules { IdentityMap = [new("forum:alice", "github:alice-gh")] };

        var demand = VoteTally.Count(votes, rules, Now);

        Assert.Equal(3, demand.UniqueVoters); // alice (both hosts), bob, carol
        Assert.Equal(42, demand.Anonymous);
        Assert.Equal(42, DemandDocument.From(demand).Anonymous);
    }

    [Fact]
    public void Reach_ForumVotes_AddToTheVotersAndAreNamed()
    {
        var rules = new RiceRules();
        var labels = new[] { "impact::2", "effort::1" };

        var without = RiceCalculator.Score(labels, null, 3, 90, rules);
        var with = RiceCalculator.Score(labels, null, 3, 90, rules, forumVotes: 42);

        Assert.Equal(3, without.Reach.Value);
        Assert.Equal(45, with.Reach.Value);
        Assert.Equal("(3 voter(s) in the last 90 days + 42 from the forum) × 1", with.Reach.Source);
        Assert.True(with.Score > without.Score);
    }

    [Fact]
    public void Build_WithoutRice_ForumVotesRankWithTheUpVotesAndShowApart()
    {
        RoadmapCandidate Open(long number, int up, int forum) =>
            new(number, $"Issue {number}", $"https://example.com/issues/{number}", true, false, null, null, up, 0, null, null, false) { ForumVotes = forum };
        var rules = new RoadmapRules { NowSize = 1, NextSize = 1, LaterSize = 1 };

        var roadmap = RoadmapBuilder.Build("acme", "github:acme/public", null, rules, [Open(1, 10, 0), Open(2, 3, 40)], [], Now);

        var now = Assert.Single(roadmap.In(RoadmapSection.Now));
        Assert.Equal(2, now.Number);
        Assert.Equal(40, now.ForumVotes);
        Assert.Contains("3 votes (👍) +40 from the forum", RoadmapText.Render(roadmap, rules), StringComparison.Ordinal);
    }
}
