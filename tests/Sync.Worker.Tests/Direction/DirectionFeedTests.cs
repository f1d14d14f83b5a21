using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Sync.Core.Roadmap;
using Sync.Worker.Direction;

namespace Sync.Worker.Tests.Direction;

/// <summary>The Atom feed of a product (RFC 4287): its shape, its order and cap, stable ids and hostile text.</summary>
public sealed class DirectionFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly Uri Page = new("https://roadmap.example/direction");
    private static readonly Uri FeedUrl = new("https://roadmap.example/direction/widget.atom");

    private static XDocument Parse(byte[] feed)
    {
        // Well-formed XML 1.0 in UTF-8 without a byte order mark, as an XML parser with no leniency reads it.
        Assert.False(feed.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        using var reader = XmlReader.Create(new MemoryStream(feed), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CheckCharacters = true });
        return XDocument.Load(reader);
    }

    private static byte[] Render(ProductRoadmap? roadmap) =>
        DirectionFeed.Render(new ProductDirection("widget", "github:acme/widget", roadmap), Page, FeedUrl);

    [Fact]
    public void Render_HasTheRequiredFeedAndEntryElements()
    {
        var feed = Parse(Render(DirectionSamples.Widget())).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.StartsWith("urn:uuid:", feed.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Equal("widget roadmap: entered Now and shipped", feed.Element(Atom + "title")!.Value);
        Assert.Equal("Widget roadmap", feed.Element(Atom + "subtitle")!.Value);
        Assert.Equal("2025-06-01T07:15:00Z", feed.Element(Atom + "updated")!.Value); // the newest entry
        Assert.Equal("IssueSync", feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(FeedUrl.AbsoluteUri, Link(feed, "self"));
        Assert.Equal("https://roadmap.example/direction#product-widget", Link(feed, "alternate"));

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        foreach (var entry in entries)
        {
            Assert.StartsWith("urn:uuid:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);
            Assert.NotEmpty(entry.Element(Atom + "title")!.Value);
            Assert.True(DateTimeOffset.TryParseExact(entry.Element(Atom + "updated")!.Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
            Assert.NotNull(Link(entry, "alternate"));
            Assert.Equal("text", entry.Element(Atom + "summary")!.Attribute("type")!.Value);
        }

        var now = entries.Single(e => e.Element(Atom + "title")!.Value == "Now: #12 Faster sync");
        Assert.Equal("2025-05-10T09:00:00Z", now.Element(Atom + "updated")!.Value);
        Assert.Equal("https://github.com/acme/widget/issues/12", Link(now, "alternate"));
        Assert.Equal("#12 Faster sync entered Now on 2025-05-10 (25 votes; RICE top · 42.5; milestone v2.0, due 2025-07-01).", now.Element(Atom + "summary")!.Value);
        var shipped = entries.Single(e => e.Element(Atom + "title")!.Value == "Shipped: #5 Export to CSV");
        Assert.Equal("2025-05-20T14:30:00Z", shipped.Element(Atom + "updated")!.Value);
        Assert.Equal("#5 Export to CSV shipped on 2025-05-20 (40 votes).", shipped.Element(Atom + "summary")!.Value);
    }

    [Fact]
    public void Render_OnlyEnteredNowAndShipped_NewestFirst()
    {
        var feed = Parse(Render(DirectionSamples.Widget())).Root!;

        // Next, Later and Needs input items are not events of this feed.
        Assert.Equal(
            ["Now: #13 " + DirectionSamples.ScriptTitle, "Shipped: #5 Export to CSV", "Now: #12 Faster sync"],
            feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value));
    }

    [Fact]
    public void Render_SameRoadmap_SameBytesAndIdsStableAcrossRenders()
    {
        var first = Render(DirectionSamples.Widget());
        var second = Render(DirectionSamples.Widget());

        Assert.Equal(first, second);

        // Another build (more items, another host) keeps the ids of the entries that are still there.
        var grown = DirectionSamples.Widget() with
        {
            Items = [.. DirectionSamples.Widget().Items, new RoadmapItem(60, "New", "https://github.com/acme/widget/issues/60", RoadmapSection.Shipped, 1, 0, null, null, null, null, DirectionSamples.BuiltAt)],
        };
        var other = DirectionFeed.Render(new ProductDirection("widget", "github:acme/widget", grown), new Uri("http://127.0.0.1:5080/direction"), new Uri("http://127.0.0.1:5080/direction/widget.atom"));
        var ids = Ids(Parse(first));
        var otherIds = Ids(Parse(other));
        Assert.Equal(Parse(first).Root!.Element(Atom + "id")!.Value, Parse(other).Root!.Element(Atom + "id")!.Value);
        Assert.All(ids, id => Assert.Contains(id, otherIds));
        Assert.Equal(ids.Count + 1, otherIds.Distinct().Count());

        // An item that leaves Now and enters it again is a new entry.
        var again = DirectionSamples.Widget() with
        {
            Items = [.. DirectionSamples.Widget().Items.Select(i => i.Number == 12 ? i with { EnteredNowAt = DirectionSamples.BuiltAt } : i)],
        };
        Assert.Single(Ids(Parse(Render(again))).Except(ids));
    }

    [Fact]
    public void Render_IdsDifferPerProduct()
    {
        var widget = Parse(Render(DirectionSamples.Widget()));
        var gadget = Parse(DirectionFeed.Render(new ProductDirection("gadget", "github:acme/widget", DirectionSamples.Widget()), Page, FeedUrl));

        Assert.NotEqual(widget.Root!.Element(Atom + "id")!.Value, gadget.Root!.Element(Atom + "id")!.Value);
        Assert.Empty(Ids(widget).Intersect(Ids(gadget)));
    }

    [Fact]
    public void Render_KeepsTheNewestFifty()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(1, 70)
            .Select(i => new RoadmapItem(i, $"Item {i}", $"https://github.com/acme/widget/issues/{i}", RoadmapSection.Shipped, 0, 0, null, null, null, null, start.AddHours(i)))
            .ToList();
        var roadmap = new ProductRoadmap("widget", "github:acme/widget", "Roadmap", null, items) { Schema = ProductRoadmap.CurrentSchema };

        var entries = Parse(Render(roadmap)).Root!.Elements(Atom + "entry").ToList();

        Assert.Equal(DirectionFeed.MaxEntries, entries.Count);
        Assert.Equal("Shipped: #70 Item 70", entries[0].Element(Atom + "title")!.Value);
        Assert.Equal("Shipped: #21 Item 21", entries[^1].Element(Atom + "title")!.Value);
    }

    [Fact]
    public void Render_HostileText_IsEscapedOrDropped_AndUnsafeUrlsFallBackToThePage()
    {
        var title = "<script>alert(1)</script> & \u0001bell\u0007 \ud800 end";
        var roadmap = new ProductRoadmap("widget", "github:acme/widget", "Roadmap", null,
            [new RoadmapItem(9, title, "javascript:alert(1)", RoadmapSection.Now, 2, 0, null, null, "v<1>", null, null, DirectionSamples.BuiltAt)]) { Schema = ProductRoadmap.CurrentSchema };

        var bytes = Render(roadmap);
        var text = Encoding.UTF8.GetString(bytes);
        var entry = Parse(bytes).Root!.Element(Atom + "entry")!;

        Assert.Equal("Now: #9 <script>alert(1)</script> & bell  end", entry.Element(Atom + "title")!.Value);
        Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", text, StringComparison.Ordinal);
        Assert.Equal("https://roadmap.example/direction#product-widget", Link(entry, "alternate"));
        Assert.Contains("milestone v<1>", entry.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRoadmap_IsAValidFeedWithoutEntries()
    {
        var feed = Parse(Render(null)).Root!;

        Assert.Empty(feed.Elements(Atom + "entry"));
        Assert.Equal("1970-01-01T00:00:00Z", feed.Element(Atom + "updated")!.Value);
        Assert.NotNull(feed.Element(Atom + "id"));
        Assert.NotNull(feed.Element(Atom + "title"));
    }

    [Fact]
    public void StableId_IsANameBasedUuid()
    {
        var id = DirectionFeed.StableId("issuesync/direction/widget");

        Assert.Equal(id, DirectionFeed.StableId("issuesync/direction/widget"));
        Assert.NotEqual(id, DirectionFeed.StableId("issuesync/direction/gadget"));
        Assert.True(Guid.TryParse(id["urn:uuid:".Length..], out var guid));
        Assert.Equal(5, guid.Version);
    }

    private static string? Link(XElement element, string rel) =>
        element.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;

    private static List<string> Ids(XDocument feed) => [.. feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value)];
}
