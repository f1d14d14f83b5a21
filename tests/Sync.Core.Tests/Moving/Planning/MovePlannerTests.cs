using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class MovePlannerTests
{
    private static readonly MovePlanner Planner = new();

    [Fact]
    public void Plan_Body_HasGenericHeaderTextAndIssueMarker()
    {
        var plan = Planner.Plan(PlanningFixtures.Input());

        Assert.Equal(
            "> Moved from the development tracker · originally opened by **alice** on 2026-01-31\n\nIt crashes.\n\n<!-- issuesync:moved-from dev-1007 -->",
            plan.Body);
        Assert.Equal(PlanningFixtures.SourceIssue, plan.SourceIssue);
        Assert.Equal(plan.MarkerKey, MoveMarkers.ReadIssue(plan.Body));
        Assert.DoesNotContain("acme", plan.MarkerKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LinkToSource_HeaderNamesAndLinksTheSourceIssue()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(rules: new MoveRules { LinkToSource = true }));

        Assert.StartsWith(
            "> Moved from [acme/widget-dev#7](http://dev.example/acme/widget-dev/-/issues/7) · originally opened by **alice** on 2026-01-31\n\n",
            plan.Body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Comments_KeepSourceOrderWithAttributionAndMarkers_DroppingSystemInternalAndEmpty()
    {
        var comments = new[]
        {
            PlanningFixtures.Comment(30, "third", day: 3),
            PlanningFixtures.Comment(11, "first", day: 1),
            PlanningFixtures.Comment(10, "changed the description", day: 1, system: true),
            PlanningFixtures.Comment(12, "internal only", day: 2, isInternal: true),
            PlanningFixtures.Comment(20, "second", day: 2, author: "carol"),
            PlanningFixtures.Comment(25, "   ", day: 2),
        };

        var plan = Planner.Plan(PlanningFixtures.Input(comments: comments));

        Assert.Equal([11L, 20L, 30L], plan.Comments.Select(c => c.SourceCommentId));
        Assert.Equal(
            "> **carol** commented on 2026-02-02\n\nsecond\n\n<!-- issuesync:comment dev-1007 20 -->",
            plan.Comments[1].Body);
        Assert.Equal((plan.MarkerKey, 30L), MoveMarkers.ReadComment(plan.Comments[2].Body));
    }

    [Fact]
    public void Plan_CommentsAtTheSameInstant_AreOrderedById()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(comments: [PlanningFixtures.Comment(9, "b"), PlanningFixtures.Comment(8, "a")]));

        Assert.Equal([8L, 9L], plan.Comments.Select(c => c.SourceCommentId));
    }

    [Fact]
    public void Plan_MovedReference_PointsAtPublicUrl()
    {
        var input = PlanningFixtures.Input(
            issue: PlanningFixtures.Issue(body: "Duplicate of #12, related to http://dev.example/acme/widget-dev/-/issues/12."),
            moved: new Dictionary<long, string> { [12] = "https://gitlab.com/acme/widget/-/issues/3" });

        var plan = Planner.Plan(input);

        Assert.Contains(
            "Duplicate of [#12](https://gitlab.com/acme/widget/-/issues/3), related to https://gitlab.com/acme/widget/-/issues/3.",
            plan.Body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UserMap_MapsMentionsAndAttribution()
    {
        var rules = new MoveRules { UserMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice-gh", ["bob"] = "bobby" } };

        var plan = Planner.Plan(PlanningFixtures.Input(
            issue: PlanningFixtures.Issue(body: "cc @bob and @mallory"),
            comments: [PlanningFixtures.Comment(1, "thanks @alice")],
            rules: rules));

        Assert.Contains("originally opened by **alice-gh**", plan.Body, StringComparison.Ordinal);
        Assert.Contains("cc @bobby and `@mallory`", plan.Body, StringComparison.Ordinal);
        Assert.StartsWith("> **bobby** commented", plan.Comments[0].Body, StringComparison.Ordinal);
        Assert.Contains("thanks @alice-gh", plan.Comments[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Labels_AreMappedWithSourceColours()
    {
        var rules = new MoveRules { LabelMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["perf"] = "performance" } };

        var plan = Planner.Plan(PlanningFixtures.Input(issue: PlanningFixtures.Issue() with { Labels = ["public", "bug", "perf"] }, rules: rules));

        Assert.Equal(
            [new TrackerLabel("bug", "#d9534f", "Something is broken"), new TrackerLabel("performance", LabelPlanner.DefaultColor)],
            plan.Labels);
    }

    [Fact]
    public void Plan_GitLabTarget_UploadsGetTokensAcrossBodyAndComments()
    {
        const string Secret = "0123456789abcdef0123456789abcdef";
        var plan = Planner.Plan(PlanningFixtures.Input(
            issue: PlanningFixtures.Issue(body: $"![shot](/uploads/{Secret}/screen.png)"),
            comments: [PlanningFixtures.Comment(1, $"same ![again](/uploads/{Secret}/screen.png), new [log](/uploads/{Secret}/x.log)")]));

        const string First = "\uE000issuesync-upload-1\uE001";
        const string Second = "\uE000issuesync-upload-2\uE001";
        Assert.Contains($"![shot]({First})", plan.Body, StringComparison.Ordinal);
        Assert.Contains($"same ![again]({First}), new [log]({Second})", plan.Comments[0].Body, StringComparison.Ordinal);
        Assert.Equal([First, Second], plan.Uploads.Select(u => u.Token));
        Assert.Equal($"/uploads/{Secret}/screen.png", plan.Uploads[0].SourceUrl);
    }

    [Fact]
    public void Plan_Milestone_KeepsItsDueDate_ButNeverItsDescription()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(issue: PlanningFixtures.Issue() with { Milestone = "v1.2", MilestoneDueDate = new DateOnly(2026, 12, 24) }));

        Assert.Equal(new PlannedMilestone("v1.2", new DateOnly(2026, 12, 24), null), plan.Milestone);
    }

    [Fact]
    public void Plan_MilestoneAndSourceNotice_AreFilledIn()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(issue: PlanningFixtures.Issue() with { Milestone = "v1.2" }));

        Assert.Equal(new PlannedMilestone("v1.2", null, null), plan.Milestone);
        Assert.Equal("Moved to {target}\n\n<!-- issuesync:moved-notice dev-1007 -->", plan.SourceNotice);
        Assert.True(MoveMarkers.HasSourceNotice(plan.SourceNotice, plan.MarkerKey));
    }

    [Fact]
    public void Plan_TitleEmptyAfterRedaction_FallsBackToUntitled()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(issue: PlanningFixtures.Issue(title: "  ")));

        Assert.Equal(MovePlanner.UntitledIssue, plan.Title);
    }

    [Fact]
    public void Plan_Title_IsRedactedAndMentionsNeutralised()
    {
        var plan = Planner.Plan(PlanningFixtures.Input(issue: PlanningFixtures.Issue(title: "Ask @bob about\nACME-123456 (#5)")));

        // A GitLab title is not Markdown: a backtick would not protect the mention, so the '@' goes.
        Assert.Equal("Ask bob about [REDACTED] (dev issue 5)", plan.Title);
        Assert.Contains(new Redaction("title", "custom-pattern", 1), plan.Redactions);
    }

    [Fact]
    public void Plan_SameInputTwice_GivesEqualPlans()
    {
        var input = PlanningFixtures.Input(
            issue: PlanningFixtures.Issue(body: "![a](/uploads/0123456789abcdef0123456789abcdef/a.png) glpat-abcdefghij0123456789XYZ #3 @x") with { Milestone = "m" },
            comments: [PlanningFixtures.Comment(2, "b"), PlanningFixtures.Comment(1, "a")]);

        var first = Planner.Plan(input);
        var second = Planner.Plan(input);

        Assert.Equal(first.Title, second.Title);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Milestone, second.Milestone);
        Assert.Equal(first.Comments, second.Comments);
        Assert.Equal(first.SourceNotice, second.SourceNotice);
        Assert.Equal(first.Uploads, second.Uploads);
        Assert.Equal(first.Redactions, second.Redactions);
    }

    [Fact]
    public void Plan_WithSourceName_NamesTheSourceInTheHeaderWithoutItsPath()
    {
        var plan = new MovePlanner().Plan(PlanningFixtures.Input(rules: new MoveRules { SourceName = "Widget engineering" }));

        Assert.StartsWith("> Moved from **Widget engineering** · originally opened by", plan.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("acme/widget-dev", plan.Body, StringComparison.Ordinal);
    }
}
