using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Sync.Core.Releases;
using Sync.Core.Roadmap;

namespace Sync.Worker.Direction;

/// <summary>
/// <c>/direction/&lt;product&gt;.atom</c>: an Atom feed (RFC 4287) of the items that entered Now, the items that
/// shipped and the milestones' release notes (dated when first written, linking to their page), newest first, so
/// followers can subscribe. Built from the stored roadmap only: an item's "entered Now" time
/// is <see cref="RoadmapItem.EnteredNowAt"/>, a shipped item's is its close time. Deterministic: the same roadmap and
/// URLs give the same bytes, and entry ids depend only on the product, the event, the issue and its time.
/// </summary>
internal static class DirectionFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>Entries kept, newest first.</summary>
    public const int MaxEntries = 50;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
    };

    public static string TitleOf(string product) => $"{product} roadmap: entered Now and shipped";

    /// <param name="pageUrl">Absolute URL of /direction (the feed's and the fallback entries' alternate link).</param>
    /// <param name="feedUrl">Absolute URL of this feed (its self link).</param>
    public static byte[] Render(ProductDirection product, Uri pageUrl, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(pageUrl);
        ArgumentNullException.ThrowIfNull(feedUrl);
        var productPage = new UriBuilder(pageUrl) { Fragment = "product-" + product.Product }.Uri.AbsoluteUri;
        var entries = Entries(product.Roadmap, product.Releases, pageUrl);

        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, StableId($"issuesync/direction/{product.Product}"));
            xml.WriteElementString("title", AtomNamespace, Clean(TitleOf(product.Product)));
            if (product.Roadmap?.Title is { Length: > 0 } title)
            {
                xml.WriteElementString("subtitle", AtomNamespace, Clean(title));
            }

            // The newest entry is the last significant change; a feed with none was never changed (the epoch, not "now").
            xml.WriteElementString("updated", AtomNamespace, Time(entries.Count > 0 ? entries[0].At : DateTimeOffset.UnixEpoch));
            Link(xml, "self", "application/atom+xml", feedUrl.AbsoluteUri);
            Link(xml, "alternate", "text/html", productPage);
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, "IssueSync");
            xml.WriteEndElement();
            xml.WriteElementString("generator", AtomNamespace, "IssueSync");
            foreach (var entry in entries)
            {
                WriteEntry(xml, product.Product, entry, productPage);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static List<FeedEntry> Entries(ProductRoadmap? roadmap, IReadOnlyList<ReleaseNotesState> releases, Uri pageUrl) =>
        [.. (roadmap is null ? [] : roadmap.In(RoadmapSection.Now).Where(i => i.EnteredNowAt is not null).Select(i => new FeedEntry(Event.EnteredNow, i, i.EnteredNowAt!.Value))
                .Concat(roadmap.In(RoadmapSection.Shipped).Where(i => i.ClosedAt is not null).Select(i => new FeedEntry(Event.Shipped, i, i.ClosedAt!.Value))))
            .Concat(releases.Where(r => r.Draft is not null && r.FirstWrittenAt is not null).Select(r => ReleaseEntry(r, pageUrl)))
            .OrderByDescending(e => e.At)
            .ThenBy(e => e.Event)
            .ThenBy(e => e.Item.Number)
            .Take(MaxEntries)];

    /// <summary>A release notes entry: dated when the notes were first written, linking to their page on /direction.</summary>
    private static FeedEntry ReleaseEntry(ReleaseNotesState notes, Uri pageUrl)
    {
        var draft = notes.Draft!;
        var page = new Uri(pageUrl.AbsoluteUri.TrimEnd('/') + "/" + ReleaseNotesPage.Href(draft.Product, draft.Milestone)["direction/".Length..]);
        var item = new RoadmapItem(notes.MilestoneId, draft.Milestone, page.AbsoluteUri, RoadmapSection.Shipped, 0, 0, null, null, draft.Milestone, draft.DueDate, null);
        return new FeedEntry(Event.ReleaseNotes, item, notes.FirstWrittenAt!.Value) { Summary = ReleaseNotesText.Intro(draft, static t => t) };
    }

    private static void WriteEntry(XmlWriter xml, string product, FeedEntry entry, string productPage)
    {
        if (entry.Event == Event.ReleaseNotes)
        {
            WriteReleaseEntry(xml, product, entry);
            return;
        }

        var item = entry.Item;
        var issue = string.Create(CultureInfo.InvariantCulture, $"#{item.Number} {item.Title}");
        var kind = entry.Event == Event.EnteredNow ? "now" : "shipped";
        xml.WriteStartElement("entry", AtomNamespace);
        xml.WriteElementString(
            "id",
            AtomNamespace,
            StableId(string.Create(CultureInfo.InvariantCulture, $"issuesync/direction/{product}/{kind}/{item.Number}/{entry.At.UtcTicks}")));
        xml.WriteElementString("title", AtomNamespace, Clean(entry.Event == Event.EnteredNow ? $"Now: {issue}" : $"Shipped: {issue}"));
        xml.WriteElementString("updated", AtomNamespace, Time(entry.At));

        // Only http(s) links from tracker data; otherwise the entry points at the product on /direction.
        Link(xml, "alternate", "text/html", ProductDirection.SafeUrl(item.Url) ?? productPage);
        xml.WriteStartElement("summary", AtomNamespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(Summary(entry, issue)));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteReleaseEntry(XmlWriter xml, string product, FeedEntry entry)
    {
        var milestone = entry.Item.Title;
        xml.WriteStartElement("entry", AtomNamespace);
        xml.WriteElementString(
            "id",
            AtomNamespace,
            StableId(string.Create(CultureInfo.InvariantCulture, $"issuesync/direction/{product}/release-notes/{entry.Item.Number}")));
        xml.WriteElementString("title", AtomNamespace, Clean($"Release notes: {milestone}"));
        xml.WriteElementString("updated", AtomNamespace, Time(entry.At));
        Link(xml, "alternate", "text/html", entry.Item.Url);
        xml.WriteStartElement("summary", AtomNamespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(entry.Summary ?? string.Empty));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Summary(FeedEntry entry, string issue)
    {
        var item = entry.Item;
        var facts = new List<string> { item.ForumVotes > 0 ? $"{RoadmapText.Votes(item.Up)} {RoadmapText.FromTheForum(item.ForumVotes)}" : RoadmapText.Votes(item.Up) };
        if (item.RiceScore is { } score)
        {
            var value = score.ToString("0.##", CultureInfo.InvariantCulture);
            facts.Add(string.IsNullOrWhiteSpace(item.RiceBucket) ? $"RICE {value}" : $"RICE {item.RiceBucket.Trim()} · {value}");
        }

        if (!string.IsNullOrWhiteSpace(item.Milestone))
        {
            facts.Add(item.MilestoneDue is { } due
                ? $"milestone {item.Milestone}, due {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : $"milestone {item.Milestone}");
        }

        var day = entry.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var what = entry.Event == Event.EnteredNow ? $"entered Now on {day}" : $"shipped on {day}";
        return $"{issue} {what} ({string.Join("; ", facts)}).";
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", Clean(href));
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A <c>urn:uuid:</c> derived from <paramref name="name"/> (SHA-256, version and variant bits of a name-based UUID):
    /// the same name is the same id on every render and every host, as RFC 4287 asks of ids.
    /// </summary>
    internal static string StableId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>Drops what XML 1.0 cannot carry (control characters, lone surrogates) from tracker text.</summary>
    internal static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private enum Event
    {
        EnteredNow,
        Shipped,
        ReleaseNotes,
    }

    /// <param name="Item">The roadmap item; for release notes, the milestone (number its id, title its title, URL its page).</param>
    private sealed record FeedEntry(Event Event, RoadmapItem Item, DateTimeOffset At)
    {
        public string? Summary { get; init; }
    }
}
