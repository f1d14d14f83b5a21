using System.Text;
using System.Text.Json;
using Sync.Core.Roadmap;
using Sync.Worker.Direction;

namespace Sync.Worker.Tests.Direction;

public sealed class DirectionPageTests
{
    private static readonly ProductDirection Widget = new("widget", "github:acme/widget", DirectionSamples.Widget());

    [Fact]
    public void Html_EncodesTitlesAsText()
    {
        var html = DirectionPage.Html([Widget]);

        Assert.Contains("#13 &lt;script&gt;alert(1)&lt;/script&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains("#21 Offline &quot;mode&quot; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_LinksOnlyHttpUrls()
    {
        var roadmap = DirectionSamples.Widget() with { IssueUrl = "javascript:alert(2)" };
        var html = DirectionPage.Html([new("widget", "github:acme/widget", roadmap)]);

        Assert.Contains("<a class=\"issue\" href=\"https://github.com/acme/widget/issues/12\">#12 Faster sync</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"issue\">#20 Dark mode</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Roadmap issue", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("http://example.com/a?b=1&c=2", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<b>x</b>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("//example.com/a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void SafeUrl_AcceptsOnlyAbsoluteHttpUrls(string? url, bool accepted) =>
        Assert.Equal(accepted ? url : null, ProductDirection.SafeUrl(url));

    [Fact]
    public void Html_ProductWithoutRoadmap_SaysItIsBuiltOnTheNextRun()
    {
        var html = DirectionPage.Html([new("gadget", "gitlab:acme/gadget", null)]);

        Assert.Contains("<h2>gadget <span class=\"project\">gitlab:acme/gadget</span></h2>", html, StringComparison.Ordinal);
        Assert.Contains("No roadmap yet — it is built on the next scheduled run.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"column", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ShowsDemandRiceMilestoneAndShipped()
    {
        var html = DirectionPage.Html([Widget]);

        Assert.Contains("<span class=\"demand\"><span aria-hidden=\"true\">👍</span> 25 votes · +3 this week</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span aria-hidden=\"true\">👍</span> 4 votes · −1 this week", html, StringComparison.Ordinal);
        Assert.Contains("<span aria-hidden=\"true\">👍</span> 10 votes · no change this week", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge rice-top\">RICE top · 42.5</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge\">RICE medium · 7</span>", html, StringComparison.Ordinal);
        Assert.Contains("🏁 v2.0 · due 2025-07-01", html, StringComparison.Ordinal);
        Assert.Contains("🏁 v2.1</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Recently shipped</h3>", html, StringComparison.Ordinal);
        Assert.Contains("#5 Export to CSV</a> <time datetime=\"2025-05-20\">shipped 2025-05-20</time>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/acme/widget/issues/1\">Roadmap issue</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsSelfContainedAndDeterministic()
    {
        var html = DirectionPage.Html([Widget, new("gadget", "gitlab:acme/gadget", null)]);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        // The only <link>s are the products' feeds (relative, same site): no stylesheet, font or anything else to load.
        Assert.Equal(
            ["<link rel=\"alternate\" type=\"application/atom+xml\" title=\"widget roadmap: entered Now and shipped\" href=\"direction/widget.atom\">",
             "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"gadget roadmap: entered Now and shipped\" href=\"direction/gadget.atom\">"],
            html.Split('\n').Where(l => l.Contains("<link", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            DirectionPage.Render([Widget, new("gadget", "gitlab:acme/gadget", null)]),
            DirectionPage.Render([new("widget", "github:acme/widget", DirectionSamples.Widget()), new("gadget", "gitlab:acme/gadget", null)]));
        Assert.Equal(html, Encoding.UTF8.GetString(DirectionPage.Render([Widget, new("gadget", "gitlab:acme/gadget", null)])));
    }

    [Fact]
    public void Html_PutsItemsInTheirColumns()
    {
        var html = DirectionPage.Html([Widget]);

        Assert.Contains("#12 Faster sync", Column(html, "now"), StringComparison.Ordinal);
        Assert.Contains("#21 Offline", Column(html, "next"), StringComparison.Ordinal);
        Assert.Contains("#30 Plugin API", Column(html, "later"), StringComparison.Ordinal);
        Assert.DoesNotContain("#30", Column(html, "now"), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EmptyColumn_SaysSo()
    {
        var roadmap = DirectionSamples.Widget();
        roadmap = roadmap with { Items = [.. roadmap.Items.Where(i => i.Section != RoadmapSection.Later && i.Section != RoadmapSection.Shipped)] };

        var html = DirectionPage.Html([new("widget", "github:acme/widget", roadmap)]);

        Assert.Contains("Nothing here yet.", Column(html, "later"), StringComparison.Ordinal);
        Assert.Contains("Nothing shipped recently.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasTheDocumentedShape()
    {
        using var json = JsonDocument.Parse(DirectionJson.Render([new("gadget", "gitlab:acme/gadget", null), Widget]));
        var products = json.RootElement.GetProperty("products");

        Assert.False(products[0].GetProperty("built").GetBoolean());
        Assert.Equal(0, products[0].GetProperty("now").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, products[0].GetProperty("issueUrl").ValueKind);
        var next = products[1].GetProperty("next")[0];
        Assert.Equal(20, next.GetProperty("number").GetInt64());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("url").ValueKind);
        Assert.Equal(
            ["number", "title", "url", "up", "upChange", "riceScore", "riceBucket", "milestone", "milestoneDue", "closedAt", "enteredNowAt", "forumVotes"],
            next.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(
            ["product", "publicProject", "title", "issueUrl", "built", "now", "next", "later", "shipped", "needsInput", "needsInputMore", "feed"],
            products[1].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0, products[0].GetProperty("needsInput").GetArrayLength());
        Assert.Equal("direction/gadget.atom", products[0].GetProperty("feed").GetString());
        Assert.Equal([40L, 41L], products[1].GetProperty("needsInput").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal(JsonValueKind.Null, products[1].GetProperty("needsInput")[1].GetProperty("url").ValueKind);
        Assert.Equal(3, products[1].GetProperty("needsInputMore").GetInt32());
        Assert.Equal(DirectionSamples.EnteredNow12, products[1].GetProperty("now")[0].GetProperty("enteredNowAt").GetDateTimeOffset());
    }

    [Fact]
    public void Html_NeedsInput_ListsTheRequestsWithTheirVotesAndHowManyMore()
    {
        var html = DirectionPage.Html([Widget]);

        var section = NeedsInput(html, "widget");
        Assert.Contains("<h3>Needs input</h3>", section, StringComparison.Ordinal);
        Assert.Contains("<li><a class=\"issue\" href=\"https://github.com/acme/widget/issues/40\">#40 Calendar sync</a> <span class=\"demand\"><span aria-hidden=\"true\">👍</span> 6 votes</span></li>", section, StringComparison.Ordinal);
        Assert.Contains("<li><span class=\"issue\">#41 &lt;b onmouseover=alert(3)&gt;Bold&lt;/b&gt;</span> <span class=\"demand\"><span aria-hidden=\"true\">👍</span> 1 vote</span></li>", section, StringComparison.Ordinal);
        Assert.True(section.IndexOf("#40", StringComparison.Ordinal) < section.IndexOf("#41", StringComparison.Ordinal));
        Assert.Contains("<p class=\"more\">…and 3 more.</p>", section, StringComparison.Ordinal);
        Assert.True(html.IndexOf("class=\"columns\"", StringComparison.Ordinal) < html.IndexOf("class=\"needs-input\"", StringComparison.Ordinal));
        Assert.True(html.IndexOf("class=\"needs-input\"", StringComparison.Ordinal) < html.IndexOf("<h3>Recently shipped</h3>", StringComparison.Ordinal));
        Assert.DoesNotContain("#40", Column(html, "now") + Column(html, "next") + Column(html, "later"), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_NobodyNeedsInput_LeavesTheSectionOut()
    {
        var roadmap = DirectionSamples.Widget();
        roadmap = roadmap with { Items = [.. roadmap.Items.Where(i => i.Section != RoadmapSection.NeedsInput)], NeedsInputMore = 0 };

        var html = DirectionPage.Html([new("widget", "github:acme/widget", roadmap)]);

        Assert.DoesNotContain("class=\"needs-input\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Needs input", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_TrendPlot_SitsNextToTheVoteCountOfItsItemOnly()
    {
        var svg = "<svg class=\"trend\" data-test=\"12\"></svg>";
        var waiting = "<svg class=\"trend\" data-test=\"40\"></svg>";
        var html = DirectionPage.Html([Widget with { Trends = new Dictionary<long, string> { [12] = svg, [40] = waiting } }]);

        Assert.Contains("25 votes · +3 this week " + svg + "</span> <span class=\"badge", Column(html, "now"), StringComparison.Ordinal);
        Assert.Contains("6 votes " + waiting + "</span></li>", NeedsInput(html, "widget"), StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<svg").Length - 1);
    }

    [Fact]
    public void Html_EveryProduct_HasAVisibleFeedLink()
    {
        var html = DirectionPage.Html([Widget, new("gadget", "gitlab:acme/gadget", null)]);

        Assert.Contains("<p class=\"feed\"><a href=\"direction/widget.atom\" type=\"application/atom+xml\">Atom feed</a> of what enters Now and what ships</p>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"direction/gadget.atom\" type=\"application/atom+xml\">Atom feed</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendWindow_IsTheNinetyDaysUpToTheEndOfTheUtcDay()
    {
        var (from, to) = ProductDirection.TrendWindow(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.FromHours(-2)));

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(to.AddDays(-90), from);
        Assert.Equal((from, to), ProductDirection.TrendWindow(new DateTimeOffset(2026, 12, 4, 0, 0, 1, TimeSpan.Zero)));
    }

    internal static string NeedsInput(string html, string product)
    {
        var start = html.IndexOf($"<section class=\"needs-input\" id=\"needs-input-{product}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no needs-input section for {product}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    internal static string Column(string html, string column)
    {
        var start = html.IndexOf($"<section class=\"column {column}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {column} column");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public void ForumVotes_ShowApartFromTheCount_InTheHtmlAndTheJson()
    {
        var roadmap = DirectionSamples.Widget();
        var first = roadmap.In(RoadmapSection.Now).First();
        var product = new ProductDirection("widget", "github:acme/widget", roadmap with
        {
            Items = [.. roadmap.Items.Select(i => i.Number == first.Number ? i with { ForumVotes = 42 } : i)],
        });

        var html = DirectionPage.Html([product]);
        using var json = JsonDocument.Parse(DirectionJson.Render([product]));

        Assert.Contains($"{RoadmapText.Votes(first.Up)} <span class=\"forum\">+42 from the forum</span>", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("from the forum").Length - 1);
        var items = json.RootElement.GetProperty("products")[0].GetProperty("now").EnumerateArray().ToList();
        Assert.Equal(42, items.Single(i => i.GetProperty("number").GetInt64() == first.Number).GetProperty("forumVotes").GetInt32());
        Assert.All(items.Where(i => i.GetProperty("number").GetInt64() != first.Number), i => Assert.Equal(0, i.GetProperty("forumVotes").GetInt32()));
    }
}
