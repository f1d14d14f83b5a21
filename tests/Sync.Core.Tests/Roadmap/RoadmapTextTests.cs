using Sync.Core.Roadmap;

namespace Sync.Core.Tests.Roadmap;

public sealed class RoadmapTextTests
{
    private static readonly RoadmapRules Rules = new() { ShippedDays = 30 };

    private static RoadmapItem Item(long number, RoadmapSection section, string? title = null, int up = 0, int upChange = 0, double? score = null, string? bucket = null, string? milestone = null, DateOnly? due = null, DateTimeOffset? closedAt = null) =>
        new(number, title ?? $"Issue {number}", $"https://example.com/issues/{number}", section, up, upChange, score, bucket, milestone, due, closedAt);

    private static ProductRoadmap Roadmap(params RoadmapItem[] items) => new("acme", "github:acme/public", "Roadmap", null, items);

    private static ProductRoadmap Sample() => Roadmap(
        Item(12, RoadmapSection.Now, "Dark mode", up: 25, upChange: 3, score: 64, bucket: "high", milestone: "1.4", due: new DateOnly(2026, 7, 1)),
        Item(14, RoadmapSection.Now, "Offline", up: 9, upChange: -2, score: 38.4, bucket: "medium", milestone: "Someday"),
        Item(20, RoadmapSection.Next, "Themes", up: 4, score: 0.125, bucket: "low"),
        Item(3, RoadmapSection.Shipped, "Export", closedAt: new DateTimeOffset(2026, 5, 30, 23, 30, 0, TimeSpan.FromHours(-2))));

    [Fact]
    public void Render_SameRoadmapTwice_IsByteIdentical()
    {
        Assert.Equal(RoadmapText.Render(Sample(), Rules), RoadmapText.Render(Sample(), Rules), StringComparer.Ordinal);
    }

    [Fact]
    public void Render_ShowsIntroSectionsAndRows()
    {
        var lines = RoadmapText.Render(Sample(), Rules).Split('\n');

        Assert.Equal("_Rebuilt by IssueSync from votes, RICE scores and milestones. Vote with 👍 on the issues you want most._", lines[0]);
        Assert.Contains("## Now", lines);
        Assert.Contains("## Next", lines);
        Assert.Contains("## Later", lines);
        Assert.Contains("## Recently shipped", lines);
        Assert.Contains("| Issue | Demand | RICE | Milestone |", lines);
        Assert.Contains("| [#12 Dark mode](https://example.com/issues/12) | 25 votes (👍, +3 this week) | high · 64 | 1.4 (due 2026-07-01) |", lines);
        Assert.Contains("| [#14 Offline](https://example.com/issues/14) | 9 votes (👍, -2 this week) | medium · 38.4 | Someday |", lines);
        Assert.Contains("| [#20 Themes](https://example.com/issues/20) | 4 votes (👍) | low · 0.13 | — |", lines);
        // Closed 23:30 at UTC-2, which is the 31st in UTC: dates do not depend on the offset the tracker used.
        Assert.Contains("- [#3 Export](https://example.com/issues/3) — shipped 2026-05-31", lines);
    }

    [Fact]
    public void Render_SectionsInOrder_RowsInItemOrder()
    {
        var text = RoadmapText.Render(Sample(), Rules);

        var positions = new[] { "## Now", "#12 Dark mode", "#14 Offline", "## Next", "## Later", "## Recently shipped", "#3 Export" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal))
            .ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Render_UnscoredItem_ShowsDashForRice()
    {
        var text = RoadmapText.Render(Roadmap(Item(1, RoadmapSection.Now, up: 2)), Rules);

        Assert.Contains("| [#1 Issue 1](https://example.com/issues/1) | 2 votes (👍) | — | — |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptySections_SayNothingPlannedAndNothingShipped()
    {
        var text = RoadmapText.Render(Roadmap(Item(1, RoadmapSection.Next)), Rules);

        Assert.Equal(2, text.Split("_Nothing planned here yet._").Length - 1);
        Assert.Contains("## Now\n\n_Nothing planned here yet._\n", text, StringComparison.Ordinal);
        Assert.Contains("## Later\n\n_Nothing planned here yet._\n", text, StringComparison.Ordinal);
        Assert.Contains("_Nothing shipped in the last 30 days._", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.StartsWith("| Issue |", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HostileTitle_CannotBreakTheTableInjectHtmlOrMention()
    {
        var title = "a|b] [x](evil) <script>alert(1)</script> @alice\nsecond line <!-- ";
        var text = RoadmapText.Render(Roadmap(Item(7, RoadmapSection.Now, title, milestone: "v<2>|@bob")), Rules);

        var row = Assert.Single(text.Split('\n'), l => l.StartsWith("| [#7 ", StringComparison.Ordinal));
        Assert.Equal(
            "| [#7 a\\|b\\] \\[x\\](evil) &lt;script&gt;alert(1)&lt;/script&gt; @\u200balice second line &lt;!-- ](https://example.com/issues/7) | 0 votes (👍) | — | v&lt;2&gt;\\|@\u200bbob |",
            row);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@alice", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@bob", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("<!--").Length - 1);
    }

    [Fact]
    public void Render_NeedsInput_IsATableAfterLaterAndBeforeShippedInItemOrder()
    {
        var roadmap = Roadmap([.. Sample().Items, Item(40, RoadmapSection.NeedsInput, "Sync calendars", up: 7), Item(9, RoadmapSection.NeedsInput, "Emoji", up: 1)]);

        var text = RoadmapText.Render(roadmap, Rules);

        var positions = new[] { "## Later", "## Needs input", "_Open requests that cannot be ranked yet", "| Issue | Demand |\n", "#40 Sync calendars", "#9 Emoji", "## Recently shipped" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("| [#40 Sync calendars](https://example.com/issues/40) | 7 votes (👍) |\n", text, StringComparison.Ordinal);
        Assert.Contains("| [#9 Emoji](https://example.com/issues/9) | 1 vote (👍) |\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more._", text, StringComparison.Ordinal);
        Assert.Equal(text, RoadmapText.Render(roadmap, Rules));
    }

    [Fact]
    public void Render_NeedsInputBeyondTheCap_SaysHowManyMore()
    {
        var roadmap = Roadmap(Item(40, RoadmapSection.NeedsInput, up: 7)) with { NeedsInputMore = 12 };

        var text = RoadmapText.Render(roadmap, Rules);

        Assert.Contains("| [#40 Issue 40](https://example.com/issues/40) | 7 votes (👍) |\n\n_…and 12 more._\n\n## Recently shipped", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoIssueNeedsInput_LeavesTheSectionOut()
    {
        var text = RoadmapText.Render(Sample(), Rules);

        Assert.DoesNotContain("Needs input", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\n## ").Length - 1);
    }

    [Theory]
    [InlineData(0, "0 votes")]
    [InlineData(1, "1 vote")]
    [InlineData(2, "2 votes")]
    [InlineData(1234, "1234 votes")]
    public void Votes_WritesTheCountAsText(int count, string expected) => Assert.Equal(expected, RoadmapText.Votes(count));

    [Fact]
    public void Render_MarkerIsTheLastLine()
    {
        var text = RoadmapText.Render(Sample(), Rules);

        Assert.Equal("<!-- issuesync:roadmap acme -->", text.Split('\n')[^1]);
        Assert.True(RoadmapText.IsRoadmapOf(text, "acme"));
        Assert.False(RoadmapText.IsRoadmapOf(text, "acm"));
        Assert.False(RoadmapText.IsRoadmapOf(text, "other"));
    }

    [Fact]
    public void Diff_EqualTexts_IsEmpty()
    {
        var text = RoadmapText.Render(Sample(), Rules);

        Assert.Empty(RoadmapText.Diff(text, text));
    }

    [Fact]
    public void Diff_OneChangedRow_IsOneRemovedAndOneAddedLine()
    {
        var before = RoadmapText.Render(Sample(), Rules);
        var changed = Sample() with { Items = [.. Sample().Items.Select(i => i.Number == 12 ? i with { Up = 26 } : i)] };
        var after = RoadmapText.Render(changed, Rules);

        Assert.Equal(
            [
                "- | [#12 Dark mode](https://example.com/issues/12) | 25 votes (👍, +3 this week) | high · 64 | 1.4 (due 2026-07-01) |",
                "+ | [#12 Dark mode](https://example.com/issues/12) | 26 votes (👍, +3 this week) | high · 64 | 1.4 (due 2026-07-01) |",
            ],
            RoadmapText.Diff(before, after));
    }

    [Fact]
    public void Diff_TrackerAddedCrLfAndTrailingNewline_IsEmpty()
    {
        var text = RoadmapText.Render(Sample(), Rules);

        Assert.Empty(RoadmapText.Diff(text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n", text));
    }

    [Fact]
    public void Diff_InsertedAndRemovedLines_AreInDocumentOrder()
    {
        Assert.Equal(["- b", "+ x", "+ y"], RoadmapText.Diff("a\nb\nc\nd", "a\nx\nc\nd\ny"));
    }

    [Fact]
    public void Diff_NoBefore_AddsEveryLine()
    {
        var after = RoadmapText.Render(Sample(), Rules);

        var diff = RoadmapText.Diff(null, after);

        Assert.Equal(after.Split('\n').Select(l => "+ " + l), diff);
    }
}
