using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Roadmap;

/// <summary>Confidential issues of the public project never shape the roadmap, and a book kept without the flag is not trusted.</summary>
public sealed class RoadmapConfidentialityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RoadmapRules Rules = new() { NowSize = 1, NextSize = 1, LaterSize = 1, ShippedDays = 30 };
    private static readonly TrackerMilestone Soon = new(1, "1.4", DueDate: new DateOnly(2026, 7, 1));
    private static readonly TrackerMilestone Later = new(2, "1.5", DueDate: new DateOnly(2026, 8, 1));

    private static RoadmapCandidate Open(long number, int up = 0, double? score = null, string? milestone = null, bool confidential = false) =>
        new(number, $"Issue {number}", $"https://example.com/issues/{number}", true, false, null, milestone, up, 0, score, score is null ? null : "top", confidential);

    private static RoadmapCandidate Shipped(long number, bool confidential) =>
        new(number, $"Issue {number}", $"https://example.com/issues/{number}", false, true, Now.AddDays(-1), null, 0, 0, null, null, confidential);

    private static ProductRoadmap Build(params RoadmapCandidate[] candidates) =>
        RoadmapBuilder.Build("acme", "gitlab:acme/public", null, Rules, candidates, [Soon, Later], Now);

    private static long[] Numbers(ProductRoadmap roadmap, RoadmapSection section) => [.. roadmap.In(section).Select(i => i.Number)];

    [Fact]
    public void Build_ConfidentialIssueThatWouldRankFirst_IsOnNoSection_AndTheOthersMoveUp()
    {
        var roadmap = Build(Open(1, up: 99, score: 500, confidential: true), Open(2, up: 5, score: 20), Open(3, up: 3, score: 10), Open(4, up: 1, score: 5));

        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([3], Numbers(roadmap, RoadmapSection.Next));
        Assert.Equal([4], Numbers(roadmap, RoadmapSection.Later));
        Assert.DoesNotContain(roadmap.Items, i => i.Number == 1);
    }

    [Fact]
    public void Build_ConfidentialIssueClosedAsCompleted_IsNotShipped()
    {
        var roadmap = Build(Shipped(1, confidential: true), Shipped(2, confidential: false));

        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Shipped));
    }

    [Fact]
    public void Build_OnlyTheConfidentialIssueScored_DoesNotTurnRiceRankingOn()
    {
        // Were RICE on, only scored issues would be ranked and the roadmap would be empty: that would betray the issue.
        var roadmap = Build(Open(1, score: 50, confidential: true), Open(2, up: 7), Open(3, up: 2));

        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Now));
        Assert.Equal([3], Numbers(roadmap, RoadmapSection.Next));
    }

    [Fact]
    public void Build_ConfidentialIssueInTheEarliestMilestone_DoesNotPushOtherMilestonesBack()
    {
        var roadmap = Build(Open(1, milestone: "1.4", confidential: true), Open(2, milestone: "1.5"));

        Assert.Equal([2], Numbers(roadmap, RoadmapSection.Now));
        Assert.Empty(Numbers(roadmap, RoadmapSection.Next));
    }

    [Fact]
    public void Build_StampsTheCurrentSchema()
    {
        Assert.Equal(ProductRoadmap.CurrentSchema, Build(Open(1)).Schema);
    }

    [Fact]
    public void From_CarriesConfidentiality()
    {
        var issue = new TrackerIssue
        {
            Ref = new IssueRef(new ProjectRef("gitlab", "acme/public"), 7),
            Id = 70,
            Title = "Security fix",
            State = IssueState.Open,
            Author = new TrackerUser("alice", 1),
            CreatedAt = Now,
            UpdatedAt = Now,
            Confidential = true,
        };

        Assert.True(RoadmapIssue.From(issue).Confidential);
        Assert.False(RoadmapIssue.From(issue with { Confidential = false }).Confidential);
    }

    [Theory]
    [InlineData(false, 1, 0, true)] // fresh: kept up incrementally
    [InlineData(true, 1, 0, false)] // no stamp: a book from before the flag existed
    [InlineData(false, 0, 0, false)] // older schema
    [InlineData(false, 1, 24, false)] // the periodic full listing is due
    [InlineData(false, 1, 23, true)]
    public void Trusted_OnlyAFreshStampOfTheCurrentSchema(bool missing, int schema, int hoursSinceFullListing, bool trusted)
    {
        var stamp = missing ? null : new RoadmapBookStamp(schema, Now.AddHours(-hoursSinceFullListing));

        Assert.Equal(trusted, RoadmapBookStamp.Trusted(stamp, Now, TimeSpan.FromDays(1)) is not null);
    }
}
