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

        Assert.Contains("👍 25 · +3 this week", html, StringComparison.Ordinal);
        Assert.Contains("👍 4 · −1 this week", html, StringComparison.Ordinal);
        Assert.Contains("👍 10 · no change this week", html, StringComparison.Ordinal);
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
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
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
            ["number", "title", "url", "up", "upChange", "riceScore", "riceBucket", "milestone", "milestoneDue", "closedAt"],
            next.EnumerateObject().Select(p => p.Name).ToArray());
    }

    internal static string Column(string html, string column)
    {
        var start = html.IndexOf($"<section class=\"column {column}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {column} column");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
