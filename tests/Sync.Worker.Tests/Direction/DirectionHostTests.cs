using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Direction;

/// <summary>/direction and /direction.json served by the real worker from roadmaps in its state store.</summary>
[Collection(HostCollection.Name)]
public sealed class DirectionHostTests(DirectionHostFixture host) : IClassFixture<DirectionHostFixture>
{
    [Fact]
    public async Task Page_ShowsEveryProductInCatalogueOrder()
    {
        using var http = host.CreateClient();
        using var response = await http.GetAsync("/direction", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var gadget = html.IndexOf("<section class=\"product\" id=\"product-gadget\">", StringComparison.Ordinal);
        var widget = html.IndexOf("<section class=\"product\" id=\"product-widget\">", StringComparison.Ordinal);
        Assert.True(gadget >= 0 && widget > gadget, "gadget then widget, as ProductCatalog orders them");

        var gadgetSection = html[gadget..widget];
        Assert.Contains("<h2>gadget <span class=\"project\">gitlab:acme/gadget</span></h2>", gadgetSection, StringComparison.Ordinal);
        Assert.Contains("No roadmap yet — it is built on the next scheduled run.", gadgetSection, StringComparison.Ordinal);

        var widgetSection = html[widget..];
        Assert.Contains("<h2>widget <span class=\"project\">github:acme/widget</span></h2>", widgetSection, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/acme/widget/issues/1\">Roadmap issue</a>", widgetSection, StringComparison.Ordinal);
        var now = DirectionPageTests.Column(widgetSection, "now");
        Assert.Contains("<a class=\"issue\" href=\"https://github.com/acme/widget/issues/12\">#12 Faster sync</a>", now, StringComparison.Ordinal);
        Assert.Contains("<span aria-hidden=\"true\">👍</span> 25 votes · +3 this week", now, StringComparison.Ordinal);
        Assert.Contains("RICE top · 42.5", now, StringComparison.Ordinal);
        Assert.Contains("🏁 v2.0 · due 2025-07-01", now, StringComparison.Ordinal);
        Assert.Contains("#13 &lt;script&gt;alert(1)&lt;/script&gt;", now, StringComparison.Ordinal);
        Assert.Contains("<span class=\"issue\">#20 Dark mode</span>", DirectionPageTests.Column(widgetSection, "next"), StringComparison.Ordinal);
        Assert.Contains("#30 Plugin API", DirectionPageTests.Column(widgetSection, "later"), StringComparison.Ordinal);
        Assert.Contains("#5 Export to CSV</a> <time datetime=\"2025-05-20\">shipped 2025-05-20</time>", widgetSection, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_IsRevalidatedWithItsETag()
    {
        using var http = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var first = await http.GetAsync("/direction", ct);
        var etag = first.Headers.ETag;

        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.NoCache);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/direction");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await http.SendAsync(again, ct);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        using var third = await http.GetAsync("/direction", ct);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(ct), await third.Content.ReadAsByteArrayAsync(ct));
    }

    [Fact]
    public async Task Json_CarriesTheSameRoadmaps()
    {
        using var http = host.CreateClient();
        using var response = await http.GetAsync("/direction.json", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        var products = json.RootElement.GetProperty("products");
        Assert.Equal(2, products.GetArrayLength());

        var gadget = products[0];
        Assert.Equal("gadget", gadget.GetProperty("product").GetString());
        Assert.Equal("gitlab:acme/gadget", gadget.GetProperty("publicProject").GetString());
        Assert.False(gadget.GetProperty("built").GetBoolean());
        Assert.All(new[] { "now", "next", "later", "shipped" }, s => Assert.Equal(0, gadget.GetProperty(s).GetArrayLength()));

        var widget = products[1];
        Assert.Equal("widget", widget.GetProperty("product").GetString());
        Assert.Equal("github:acme/widget", widget.GetProperty("publicProject").GetString());
        Assert.Equal("Widget roadmap", widget.GetProperty("title").GetString());
        Assert.Equal("https://github.com/acme/widget/issues/1", widget.GetProperty("issueUrl").GetString());
        Assert.True(widget.GetProperty("built").GetBoolean());
        Assert.Equal([12L, 13L], widget.GetProperty("now").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal([20L, 21L], widget.GetProperty("next").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal([30L], widget.GetProperty("later").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));

        var first = widget.GetProperty("now")[0];
        Assert.Equal("Faster sync", first.GetProperty("title").GetString());
        Assert.Equal("https://github.com/acme/widget/issues/12", first.GetProperty("url").GetString());
        Assert.Equal(25, first.GetProperty("up").GetInt32());
        Assert.Equal(3, first.GetProperty("upChange").GetInt32());
        Assert.Equal(42.5, first.GetProperty("riceScore").GetDouble());
        Assert.Equal("top", first.GetProperty("riceBucket").GetString());
        Assert.Equal("v2.0", first.GetProperty("milestone").GetString());
        Assert.Equal("2025-07-01", first.GetProperty("milestoneDue").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("closedAt").ValueKind);
        Assert.Equal(DirectionSamples.ScriptTitle, widget.GetProperty("now")[1].GetProperty("title").GetString());

        var shipped = widget.GetProperty("shipped")[0];
        Assert.Equal(5, shipped.GetProperty("number").GetInt64());
        Assert.Equal(new DateTimeOffset(2025, 5, 20, 14, 30, 0, TimeSpan.Zero), shipped.GetProperty("closedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Feed_IsServedAsAtomForAConfiguredProduct_AndRevalidatedWithItsETag()
    {
        using var http = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var response = await http.GetAsync("/direction/widget.atom", ct);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/atom+xml") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", xml.Root!.Name);
        Assert.Equal(new Uri(host.BaseAddress, "/direction/widget.atom").AbsoluteUri, xml.Root.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.Equal(new Uri(host.BaseAddress, "/direction#product-widget").AbsoluteUri, xml.Root.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
        Assert.Equal(["Now: #13 " + DirectionSamples.ScriptTitle, "Shipped: #5 Export to CSV", "Now: #12 Faster sync"], xml.Root.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value));

        using var again = new HttpRequestMessage(HttpMethod.Get, "/direction/widget.atom");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var second = await http.SendAsync(again, ct);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        // A product without a roadmap yet has a valid, empty feed.
        using var gadget = await http.GetAsync("/direction/gadget.atom", ct);
        var empty = System.Xml.Linq.XDocument.Parse(await gadget.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, gadget.StatusCode);
        Assert.Empty(empty.Root!.Elements(atom + "entry"));
    }

    [Theory]
    [InlineData("/direction/nope.atom")]
    [InlineData("/direction/WIDGET.atom")]
    [InlineData("/direction/widget.rss")]
    [InlineData("/direction/.atom")]
    public async Task Feed_OfAnUnknownProduct_IsNotFound(string path)
    {
        using var http = host.CreateClient();
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
