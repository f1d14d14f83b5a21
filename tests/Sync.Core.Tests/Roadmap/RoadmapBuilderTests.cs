using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Roadmap;

public sealed class RoadmapBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RoadmapRules Small = new() { NowSize = 2, NextSize = 2, LaterSize = 2, ShippedDays = 30 };

    private static readonly TrackerMilestone M14 = new(1, "1.4", DueDate: new DateOnly(2026, 7, 1));
    private static readonly TrackerMilestone M15 = new(2, "1.5", DueDate: new DateOnly(2026, 8, 1));
    private static readonly TrackerMilestone M16 = new(3, "1.6", DueDate: new DateOnly(2026, 9, 1));
    private static readonly TrackerMilestone M17 = new(4, "1.7", DueDate: new DateOnly(2026, 10, 1));
    private static readonly TrackerMilestone Undated = new(5, "Someday");
    private static readonly TrackerMilestone Done = new(6, "1.3", Closed: true, DueDate: new DateOnly(2026, 5, 1));

    private static RoadmapCandidate Open(long number, int up = 0, double? score = null, string? milestone = null, int upChange = 0) =>
        new(number, $"Issue {number}", $"https://example.com/issues/{number}", true, false, null, milestone, up, upChange, score, score is null ? null : "high", false);

    private static RoadmapCandidate Closed(long number, DateTimeOffset closedAt, bool completed = true) =>
        new(number, $"Issue {number}", $"https://example.com/issues/{number}", false, completed, closedAt, null, 0, 0, null, null, false);

    private static RoadmapCandidate Unscored(long number, int up = 0, string? milestone = null, bool confidential = false, bool open = true) =>
        new(number, $"Issue {number}", $"https://example.com/issues/{number}", open, false, null, milestone, up, 0, null, null, confidential, NeedsInput: open);

    private static ProductRoadmap Build(IReadOnlyList<RoadmapCandidate> candidates, IReadOnlyList<TrackerMilestone>? milestones = null, RoadmapRules? rules = null) =>
        RoadmapBuilder.Build("acme", "github:acme/public", null, rules ?? Small, candidates, milestones ?? [M14, M15, M16, M17, Undated, Done], Now);

    private static long[] Numbers(ProductRoadmap roadmap, RoadmapSection section) => roadmap.In(section).Select(i => i.Number).ToArray();

    [Fact]
    public void Build_ThreeDatedMilestones_GoToNowNextAndLaterByDueDate()
    {
        var roadmap = Build([Open(1, milestone: "1.6"), Open(2, milestone: "1.4"), Open(3, milestone: "1.5")]);

        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([3], Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal([1], Numbers(roadmap, RoadmapSection.Later));
    }

    [Fact]
    public void Build_MilestonesAfterTheThird_AllGoToLaterInDueOrder()
    {
        var roadmap = Build([Open(1, up: 9, milestone: "1.7"), Open(2, milestone: "1.4"), Open(3, milestone: "1.5"), Open(4, milestone: "1.6")]);

        Assert.Equal([4, 1], Numbers(roadmap, RoadmapSection.Later));
    }

    [Fact]
    public void Build_MilestoneMatch_IgnoresCaseAndOnlyCountsMilestonesWithOpenIssues()
    {
        var beta = new TrackerMilestone(7, "Beta", DueDate: new DateOnly(2026, 6, 15));
        var roadmap = Build([Open(1, milestone: "BETA"), Open(2, milestone: "1.5")], [M14, M15, beta]);

        Assert.Equal([1], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal(new DateOnly(2026, 6, 15), roadmap.In(RoadmapSection.Now).Single().MilestoneDue);
    }

    [Fact]
    public void Build_MilestoneIssues_AreNotLimitedBySectionSizes()
    {
        var rules = Small with { NowSize = 1 };
        var roadmap = Build([Open(1, milestone: "1.4"), Open(2, milestone: "1.4"), Open(3, milestone: "1.4"), Open(4, up: 5)], rules: rules);

        Assert.Equal([1, 2, 3, 4], Numbers(roadmap, RoadmapSection.Now));
    }

    [Fact]
    public void Build_ClosedOrUndatedMilestone_FallsBackToRank()
    {
        var roadmap = Build([Open(1, up: 1, milestone: "1.3"), Open(2, up: 3, milestone: "Someday"), Open(3, up: 2), Open(4, milestone: "unknown")]);

        Assert.Equal([2, 3], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([1, 4], Numbers(roadmap, RoadmapSection.Next));
        var someday = roadmap.Items.Single(i => i.Number == 2);
        Assert.Equal("Someday", someday.Milestone);
        Assert.Null(someday.MilestoneDue);
        Assert.Equal(new DateOnly(2026, 5, 1), roadmap.Items.Single(i => i.Number == 1).MilestoneDue);
    }

    [Fact]
    public void Build_EightScoredWithSizesTwoTwoTwo_PlacesSixAndLeavesTwoOff()
    {
        var candidates = Enumerable.Range(1, 8).Select(n => Open(n, score: 100 - n)).ToList();

        var roadmap = Build(candidates);

        Assert.Equal([1, 2], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([3, 4], Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal([5, 6], Numbers(roadmap, RoadmapSection.Later));
        Assert.Equal(6, roadmap.Items.Count);
    }

    [Fact]
    public void Build_WhenAnyCandidateIsScored_LeavesUnscoredOff()
    {
        var roadmap = Build([Open(1, up: 100), Open(2, up: 1, score: 0.5), Open(3, up: 50)]);

        Assert.Equal([2], roadmap.Items.Select(i => i.Number));
    }

    [Fact]
    public void Build_RiceOff_RanksByVotesThenNumber()
    {
        var roadmap = Build([Open(5, up: 3), Open(2, up: 7), Open(9, up: 7), Open(1, up: 0), Open(4, up: 3)]);

        Assert.Equal([2, 9], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([4, 5], Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal([1], Numbers(roadmap, RoadmapSection.Later));
    }

    [Fact]
    public void Build_RiceOn_BreaksScoreTiesByVotesThenNumber()
    {
        var roadmap = Build([Open(7, up: 1, score: 10), Open(3, up: 1, score: 10), Open(5, up: 4, score: 10), Open(8, up: 0, score: 20)], rules: Small with { NowSize = 4 });

        Assert.Equal([8, 5, 3, 7], Numbers(roadmap, RoadmapSection.Now));
    }

    [Fact]
    public void Build_WithinASection_MilestoneItemsComeFirstThenRankedOnes()
    {
        var roadmap = Build([Open(1, score: 99), Open(2, score: 1, milestone: "1.4"), Open(3, score: 5, milestone: "1.4"), Open(4, score: 50)]);

        Assert.Equal([3, 2, 1, 4], Numbers(roadmap, RoadmapSection.Now));
    }

    [Fact]
    public void Build_ItemsKeepVotesScoresAndBucket()
    {
        var roadmap = Build([Open(1, up: 25, score: 64, milestone: "1.4", upChange: 3)]);

        var item = Assert.Single(roadmap.Items);
        Assert.Equal(
            new RoadmapItem(1, "Issue 1", "https://example.com/issues/1", RoadmapSection.Now, 25, 3, 64, "high", "1.4", new DateOnly(2026, 7, 1), null),
            item);
        Assert.Equal("acme", roadmap.Product);
        Assert.Equal("github:acme/public", roadmap.PublicProject);
        Assert.Equal(Small.Title, roadmap.Title);
    }

    [Fact]
    public void Build_ShuffledInput_GivesTheSameRoadmap()
    {
        var candidates = new List<RoadmapCandidate>
        {
            Open(1, up: 3, score: 10), Open(2, up: 3, score: 10), Open(3, up: 9, score: 10), Open(4, score: 2, milestone: "1.5"),
            Open(5, score: 2, milestone: "1.4"), Open(6, score: 7, milestone: "1.4"), Open(7, score: 1), Open(8, score: 30),
            Open(9, score: 0.1), Open(10), Closed(11, Now.AddDays(-1)), Closed(12, Now.AddDays(-1)), Closed(13, Now.AddDays(-3)),
        };
        var milestones = new List<TrackerMilestone> { M14, M15, M16, Undated, Done };
        var expected = Build(candidates, milestones).Items;

        var random = new Random(42);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = candidates.OrderBy(_ => random.Next()).ToList();
            var shuffledMilestones = milestones.OrderBy(_ => random.Next()).ToList();

            Assert.Equal(expected, Build(shuffled, shuffledMilestones).Items);
        }
    }

    [Fact]
    public void Build_ShippedWindow_IncludesExactlyTheEdgeAndExcludesOneTickOlder()
    {
        var edge = Now.AddDays(-30);
        var roadmap = Build([Closed(1, edge), Closed(2, edge.AddTicks(-1)), Closed(3, Now.AddHours(-1))]);

        Assert.Equal([3, 1], Numbers(roadmap, RoadmapSection.Shipped));
        Assert.Equal(edge, roadmap.Items.Single(i => i.Number == 1).ClosedAt);
    }

    [Fact]
    public void Build_ShippedSameDay_OrdersByNumber()
    {
        var at = Now.AddDays(-2);
        var roadmap = Build([Closed(9, at), Closed(4, at), Closed(6, Now.AddDays(-1))]);

        Assert.Equal([6, 4, 9], Numbers(roadmap, RoadmapSection.Shipped));
    }

    [Fact]
    public void Build_ClosedButNotCompleted_IsNotShippedNorPlanned()
    {
        var roadmap = Build([Closed(1, Now.AddDays(-1), completed: false), Closed(2, Now.AddDays(-1))]);

        Assert.Equal([2], roadmap.Items.Select(i => i.Number));
        Assert.Equal(RoadmapSection.Shipped, roadmap.Items[0].Section);
    }

    [Fact]
    public void Build_RiceOn_UnscoredOpenIssuesAreListedUnderNeedsInputByVotesThenNumber()
    {
        var roadmap = Build([Open(1, up: 1, score: 10), Unscored(7, up: 3), Unscored(4, up: 9), Unscored(5, up: 3), Unscored(2)]);

        Assert.Equal([1], Numbers(roadmap, RoadmapSection.Now));
        Assert.Empty(Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal([4, 5, 7, 2], Numbers(roadmap, RoadmapSection.NeedsInput));
        Assert.Equal(0, roadmap.NeedsInputMore);
        var item = roadmap.In(RoadmapSection.NeedsInput).First();
        Assert.Equal((9, "Issue 4", "https://example.com/issues/4"), (item.Up, item.Title, item.Url));
    }

    [Fact]
    public void Build_NeedsInput_LeavesOutWhatIsPlacedClosedOrConfidential()
    {
        // 3 is placed by its dated milestone; 6 is closed; 8 is confidential: none of them is "needs input".
        var roadmap = Build([Open(1, score: 10), Unscored(3, up: 50, milestone: "1.4"), Unscored(6, up: 40, open: false), Unscored(8, up: 30, confidential: true), Unscored(9, up: 1)]);

        Assert.Equal([3, 1], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([9], Numbers(roadmap, RoadmapSection.NeedsInput));
    }

    [Fact]
    public void Build_NoIssueScoredYet_RanksByVotesAndListsOnlyTheOverflowUnderNeedsInput()
    {
        // RICE on but nothing scored: ranking falls back to votes (as before), and what does not fit is not dropped.
        var candidates = Enumerable.Range(1, 9).Select(i => Unscored(i, up: i)).ToList();

        var roadmap = Build(candidates);

        Assert.Equal([9, 8], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([5, 4], Numbers(roadmap, RoadmapSection.Later));
        Assert.Equal([3, 2, 1], Numbers(roadmap, RoadmapSection.NeedsInput));
    }

    [Fact]
    public void Build_RiceOff_NothingNeedsInput()
    {
        var roadmap = Build([.. Enumerable.Range(1, 9).Select(i => Open(i, up: i))]);

        Assert.Empty(Numbers(roadmap, RoadmapSection.NeedsInput));
        Assert.Equal(6, roadmap.Items.Count);
    }

    [Fact]
    public void Build_MoreThanTheCapNeedInput_KeepsTheMostWantedAndCountsTheRest()
    {
        var candidates = Enumerable.Range(1, RoadmapBuilder.NeedsInputCap + 7).Select(i => Unscored(i, up: i % 10)).Append(Open(1000, score: 1)).ToList();

        var roadmap = Build(candidates);
        var shuffled = Build([.. candidates.OrderBy(c => (c.Number * 7919) % 101)]);

        var listed = roadmap.In(RoadmapSection.NeedsInput).ToList();
        Assert.Equal(RoadmapBuilder.NeedsInputCap, listed.Count);
        Assert.Equal(7, roadmap.NeedsInputMore);
        Assert.Equal(listed.OrderByDescending(i => i.Up).ThenBy(i => i.Number).Select(i => i.Number), listed.Select(i => i.Number));
        Assert.All(listed, i => Assert.True(i.Up >= listed[^1].Up));
        Assert.Equal(9, listed[0].Up);
        Assert.Equal(roadmap.Items, shuffled.Items);
        Assert.Equal(roadmap.NeedsInputMore, shuffled.NeedsInputMore);
    }
}
