using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Sync.Core.Releases;

namespace Sync.Core.Tests.Releases;

public sealed class ReleaseNotesTextTests
{
    private static readonly DateTimeOffset Closed = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ShippedIssue Issue(long number, string title, int votes = 0, bool moved = false, double daysOpen = 180, params string[] labels) =>
        new(number, title, $"https://example.com/acme/widget/issues/{number}", labels, moved, votes, Closed.AddDays(-daysOpen), Closed);

    private static ReleaseNotesDraft Draft(params ShippedIssue[] issues) =>
        ReleaseNotesText.Draft("widget", 7, "1.2", new DateOnly(2026, 6, 30), issues, ["feature-request", "enhancement", "bug"]);

    [Fact]
    public void Render_GroupsByTheFirstConfiguredLabel_ThenOther_ThenMoved_AndEndsWithTheMarker()
    {
        var body = ReleaseNotesText.Render(Draft(
            Issue(1, "Dark mode", 42, labels: ["bug", "feature-request"]),
            Issue(2, "Faster sync", 3, labels: ["enhancement"]),
            Issue(3, "Crash on start", 0, labels: ["BUG"]),
            Issue(4, "Docs typo"),
            Issue(5, "SSO", 7, moved: true, labels: ["feature-request"]),
            Issue(6, "Offline", 50, labels: ["feature-request"])));

        Assert.Equal(
            """
            Milestone 1.2 (due 2026-06-30): 6 shipped issues.

            ## feature-request

            - [Offline](https://example.com/acme/widget/issues/6) — 👍 50 over 6 months
            - [Dark mode](https://example.com/acme/widget/issues/1) — 👍 42 over 6 months

            ## enhancement

            - [Faster sync](https://example.com/acme/widget/issues/2) — 👍 3 over 6 months

            ## bug

            - [Crash on start](https://example.com/acme/widget/issues/3)

            ## Other changes

            - [Docs typo](https://example.com/acme/widget/issues/4)

            ## Moved from development

            - [SSO](https://example.com/acme/widget/issues/5) — 👍 7 over 6 months

            <!-- issuesync:release-notes product=widget milestone=7 -->
            """.ReplaceLineEndings("\n"),
            body);
    }

    [Fact]
    public void Render_SameDraftTwice_IsByteIdentical_AndLeavesEmptySectionsOut()
    {
        var once = ReleaseNotesText.Render(Draft(Issue(1, "One", 1)));
        Assert.Equal(once, ReleaseNotesText.Render(Draft(Issue(1, "One", 1))), StringComparer.Ordinal);
        Assert.StartsWith("Milestone 1.2 (due 2026-06-30): 1 shipped issue.\n\n## Other changes\n", once, StringComparison.Ordinal);
        Assert.DoesNotContain("## bug", once, StringComparison.Ordinal);
        Assert.DoesNotContain(ReleaseNotesText.MovedHeading, once, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutDueDateOrIssues_SaysSo()
    {
        var body = ReleaseNotesText.Render(ReleaseNotesText.Draft("widget", 9, "Next", null, [], ["bug"]));
        Assert.Equal("Milestone Next: 0 shipped issues.\n\n<!-- issuesync:release-notes product=widget milestone=9 -->", body);
    }

    [Theory]
    [InlineData(0.5, "within a day")]
    [InlineData(1, "1 day")]
    [InlineData(13.9, "13 days")]
    [InlineData(14, "2 weeks")]
    [InlineData(59, "8 weeks")]
    [InlineData(60, "2 months")]
    [InlineData(729, "24 months")]
    [InlineData(730, "2 years")]
    [InlineData(1200, "3 years")]
    public void Span_IsHumanisedByItsSize(double days, string expected)
    {
        Assert.Equal(expected, ReleaseNotesText.Span(Closed.AddDays(-days), Closed));
    }

    [Fact]
    public void Demand_ReadsWithinADay_OrOverTheSpan_AndIsLeftOutWithoutVotes()
    {
        var body = ReleaseNotesText.Render(Draft(Issue(1, "Quick", 2, daysOpen: 0.2), Issue(2, "Slow", 1, daysOpen: 8), Issue(3, "Unwanted", 0)));
        Assert.Contains("- [Quick](https://example.com/acme/widget/issues/1) — 👍 2 within a day\n", body, StringComparison.Ordinal);
        Assert.Contains("- [Slow](https://example.com/acme/widget/issues/2) — 👍 1 over 8 days\n", body, StringComparison.Ordinal);
        Assert.Contains("- [Unwanted](https://example.com/acme/widget/issues/3)\n", body, StringComparison.Ordinal);
    }

    public static TheoryData<string> Hostile => new()
    {
        "Click](javascript:alert(1)) me",
        "[x](https://evil.example/)",
        "![pixel](https://evil.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "<!-- swallow the marker",
        "--> <script>alert(1)</script>",
        "@everyone look",
        "Fixes #123 and acme/other#4",
        "GitLab !12 ~bug %1.0 $3 &5",
        "`code` and ``` fence",
        "Line one\nLine two\r\n## Heading",
        "*bold* _em_ ~~strike~~ | pipe |",
        "https://evil.example/path and www.evil.example",
        "&#64;bob &lt;b&gt; \\] \\[",
        "<https://evil.example/auto>",
        "[ref]: https://evil.example/",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Render_HostileTitle_StaysPlainText(string title)
    {
        var body = ReleaseNotesText.Render(ReleaseNotesText.Draft("widget", 7, title, null, [Issue(1, title, 5, labels: ["bug"]), Issue(2, title, moved: true)], ["bug"]));
        var document = Markdown.Parse(body, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        // The only links are the two items', to their issues; no image, no HTML but the marker, no autolink.
        var links = document.Descendants<LinkInline>().ToList();
        Assert.Equal(["https://example.com/acme/widget/issues/1", "https://example.com/acme/widget/issues/2"], links.Select(l => l.Url));
        Assert.DoesNotContain(links, l => l.IsImage);
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Empty(document.Descendants<HtmlInline>());
        var html = Assert.Single(document.Descendants<HtmlBlock>());
        Assert.Equal("<!-- issuesync:release-notes product=widget milestone=7 -->", html.Lines.ToString());
        Assert.EndsWith("<!-- issuesync:release-notes product=widget milestone=7 -->", body, StringComparison.Ordinal);
        Assert.Equal(7, ReleaseNotesText.MilestoneOf(body, "widget"));
        Assert.Empty(document.Descendants<CodeInline>());
        Assert.Empty(document.Descendants<EmphasisInline>());
        Assert.DoesNotContain(document.Descendants<HeadingBlock>(), h => h.Level != 2);

        // What the trackers render as a mention, a reference or a bare link: a sigil or "://" right before a word.
        var text = string.Concat(document.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
        Assert.DoesNotMatch(new Regex(@"[@#!~%$&][\w""]|://|www\.", RegexOptions.IgnoreCase), text);
        Assert.Equal(3, body.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("- ", StringComparison.Ordinal)) - 1);
    }

    [Fact]
    public void Render_LinksOnlyWebAddresses()
    {
        var draft = ReleaseNotesText.Draft("widget", 7, "1.2", null, [new ShippedIssue(1, "Odd", "javascript:alert(1)", [], false, 0, Closed, Closed)], []);
        var body = ReleaseNotesText.Render(draft);
        Assert.Contains("- Odd\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Marker_IsFoundForItsProductOnly_AndEveryNotesIssueIsRecognised()
    {
        var body = ReleaseNotesText.Render(Draft());
        Assert.Equal(7, ReleaseNotesText.MilestoneOf(body, "widget"));
        Assert.Null(ReleaseNotesText.MilestoneOf(body, "gadget"));
        Assert.True(ReleaseNotesText.IsAnyReleaseNotes(body));
        Assert.False(ReleaseNotesText.IsAnyReleaseNotes("<!-- issuesync:roadmap widget -->"));
    }

    [Fact]
    public void Fit_LeavesOffTheLeastWantedItemsOfTheLongestSection_UntilTheBodyFits_AndSaysHowMany()
    {
        var issues = Enumerable.Range(1, 400).Select(n => Issue(n, $"Request number {n} with a longish title", votes: 1000 - n, labels: n % 4 == 0 ? ["bug"] : [])).ToArray();
        var full = Draft(issues);
        Assert.Same(full, ReleaseNotesText.Fit(full, 1_000_000));

        var fitted = ReleaseNotesText.Fit(full, 10_000);
        var body = ReleaseNotesText.Render(fitted);

        Assert.True(body.Length <= 10_000, body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(fitted.LeftOff > 0);
        Assert.Equal(400, fitted.Shipped);
        Assert.Equal(400, fitted.LeftOff + fitted.Sections.Sum(s => s.Items.Count));
        Assert.Contains("[Request number 1 with a longish title]", body, StringComparison.Ordinal); // most wanted kept
        Assert.DoesNotContain("[Request number 399 with a longish title]", body, StringComparison.Ordinal);
        Assert.Contains($"_…and {fitted.LeftOff} more shipped issues, left off to keep this issue within the tracker's size limit._\n\n<!-- issuesync:release-notes", body, StringComparison.Ordinal);
        Assert.StartsWith("Milestone 1.2 (due 2026-06-30): 400 shipped issues.", body, StringComparison.Ordinal);
    }
}
