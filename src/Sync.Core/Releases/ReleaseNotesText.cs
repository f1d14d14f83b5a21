using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Core.Releases;

/// <summary>One shipped issue as the notes list it. <paramref name="Title"/> is redacted but not escaped.</summary>
/// <param name="Votes">Demand it answered: the people who gave a 👍 plus forum votes known only as a number; 0 shows no demand.</param>
/// <param name="Span">From its creation to its closing, humanised (<see cref="ReleaseNotesText.Span"/>).</param>
public sealed record ReleaseNoteItem(long Number, string Title, string Url, int Votes, string Span);

/// <summary>A heading of the notes (a group label, "Other changes" or "Moved from development") and its items.</summary>
public sealed record ReleaseNotesSection(string Heading, IReadOnlyList<ReleaseNoteItem> Items);

/// <summary>The notes of one milestone, as data: the issue body and the /direction page are both rendered from it.</summary>
/// <param name="MilestoneId">GitLab milestone id, GitHub milestone number: what the marker names.</param>
/// <param name="Milestone">The milestone's title, redacted.</param>
public sealed record ReleaseNotesDraft(string Product, long MilestoneId, string Milestone, DateOnly? DueDate, int Shipped, IReadOnlyList<ReleaseNotesSection> Sections)
{
    /// <summary>Shipped issues left off the list so the body fits the tracker's limit (<see cref="ReleaseNotesText.Fit"/>).</summary>
    public int LeftOff { get; init; }
}

/// <summary>A shipped public issue of the milestone, as the draft is built from.</summary>
public sealed record ShippedIssue(long Number, string Title, string Url, IReadOnlyList<string> Labels, bool Moved, int Votes, DateTimeOffset CreatedAt, DateTimeOffset ClosedAt);

/// <summary>
/// The release notes' Markdown: pure and deterministic (no generation time), so a pass where nothing changed renders the
/// same bytes and writes nothing. Every tracker text (titles, milestone names, labels) is escaped so it stays plain text:
/// no link, image, HTML, mention, issue reference or autolinked address can come out of it.
/// </summary>
public static partial class ReleaseNotesText
{
    public const string OtherHeading = "Other changes";

    public const string MovedHeading = "Moved from development";

    private const string MarkerStart = "<!-- issuesync:release-notes ";

    /// <summary>The hidden marker that finds a milestone's notes issue again (the milestone id, so no title can end the comment).</summary>
    public static string Marker(string product, long milestoneId) =>
        string.Create(CultureInfo.InvariantCulture, $"{MarkerStart}product={product} milestone={milestoneId} -->");

    /// <summary>True for the release notes issue of any product and milestone (RICE, the roadmap and the lifecycle leave it alone).</summary>
    public static bool IsAnyReleaseNotes(string body) =>
        body is not null && body.Contains(MarkerStart, StringComparison.Ordinal);

    /// <summary>The milestone id named by <paramref name="product"/>'s marker in <paramref name="body"/>, if any.</summary>
    public static long? MilestoneOf(string? body, string product)
    {
        if (body is null)
        {
            return null;
        }

        foreach (Match match in MarkerPattern().Matches(body))
        {
            if (string.Equals(match.Groups[1].Value, product, StringComparison.Ordinal)
                && long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// Groups the shipped issues: the moved ones under <see cref="MovedHeading"/>; the others under the first of
    /// <paramref name="groups"/> they carry (labels compare without case), else <see cref="OtherHeading"/>. Empty
    /// sections are left out; within a section, most demand first, then by number.
    /// </summary>
    public static ReleaseNotesDraft Draft(string product, long milestoneId, string milestone, DateOnly? dueDate, IReadOnlyCollection<ShippedIssue> shipped, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(groups);
        var sections = new List<ReleaseNotesSection>();
        static IReadOnlyList<ReleaseNoteItem> Items(IEnumerable<ShippedIssue> issues) =>
            [.. issues.OrderByDescending(i => i.Votes).ThenBy(i => i.Number).Select(i => new ReleaseNoteItem(i.Number, i.Title, i.Url, i.Votes, Span(i.CreatedAt, i.ClosedAt)))];

        var unmoved = shipped.Where(i => !i.Moved).ToList();
        var placed = new HashSet<long>();
        foreach (var group in groups)
        {
            var members = unmoved.Where(i => !placed.Contains(i.Number) && i.Labels.Contains(group, StringComparer.OrdinalIgnoreCase)).ToList();
            if (members.Count > 0)
            {
                members.ForEach(i => placed.Add(i.Number));
                sections.Add(new ReleaseNotesSection(group, Items(members)));
            }
        }

        var other = unmoved.Where(i => !placed.Contains(i.Number)).ToList();
        if (other.Count > 0)
        {
            sections.Add(new ReleaseNotesSection(OtherHeading, Items(other)));
        }

        var moved = shipped.Where(i => i.Moved).ToList();
        if (moved.Count > 0)
        {
            sections.Add(new ReleaseNotesSection(MovedHeading, Items(moved)));
        }

        return new ReleaseNotesDraft(product, milestoneId, milestone, dueDate, shipped.Count, sections);
    }

    /// <summary>The issue body: one line of intro, a section per heading, the marker.</summary>
    public static string Render(ReleaseNotesDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = new StringBuilder();
        Line(text, Intro(draft, Escape));
        foreach (var section in draft.Sections)
        {
            Line(text, string.Empty);
            Line(text, "## " + Escape(section.Heading));
            Line(text, string.Empty);
            foreach (var item in section.Items)
            {
                var title = Escape(item.Title);
                var link = IsWebLink(item.Url) ? $"[{title}]({Destination(item.Url)})" : title;
                Line(text, $"- {link}{Demand(item)}");
            }
        }

        if (draft.LeftOff > 0)
        {
            Line(text, string.Empty);
            Line(text, string.Create(CultureInfo.InvariantCulture, $"_…and {draft.LeftOff} more shipped {(draft.LeftOff == 1 ? "issue" : "issues")}, left off to keep this issue within the tracker's size limit._"));
        }

        Line(text, string.Empty);
        text.Append(Marker(draft.Product, draft.MilestoneId));
        return text.ToString();
    }

    /// <summary>
    /// The draft, with the least-wanted items of the longest sections left off (and counted in
    /// <see cref="ReleaseNotesDraft.LeftOff"/>) until <see cref="Render"/> fits <paramref name="maxLength"/> characters.
    /// </summary>
    public static ReleaseNotesDraft Fit(ReleaseNotesDraft draft, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var length = Render(draft).Length;
        if (length <= maxLength)
        {
            return draft;
        }

        var sections = draft.Sections.Select(s => s.Items.ToList()).ToList();
        var leftOff = draft.LeftOff;
        while (length > maxLength && sections.Any(s => s.Count > 0))
        {
            // Drop about as many lines as the excess needs (each at least one), then measure again.
            var excess = length - maxLength + 200;
            while (excess > 0 && sections.Any(s => s.Count > 0))
            {
                var longest = sections.OrderByDescending(s => s.Count).First();
                excess -= Escape(longest[^1].Title).Length + longest[^1].Url.Length + 40;
                longest.RemoveAt(longest.Count - 1);
                leftOff++;
            }

            draft = draft with
            {
                Sections = [.. draft.Sections.Select((s, i) => s with { Items = sections[i] }).Where(s => s.Items.Count > 0)],
                LeftOff = leftOff,
            };
            sections = [.. draft.Sections.Select(s => s.Items.ToList())];
            length = Render(draft).Length;
        }

        return draft;
    }

    /// <summary><c>Milestone 1.2 (due 2026-06-30): 3 shipped issues.</c>, the milestone's title passed through <paramref name="escape"/>.</summary>
    public static string Intro(ReleaseNotesDraft draft, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(escape);
        var due = draft.DueDate is { } d ? $" (due {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"Milestone {escape(draft.Milestone)}{due}: {draft.Shipped} shipped {(draft.Shipped == 1 ? "issue" : "issues")}.");
    }

    /// <summary><c> — 👍 42 over 6 months</c>; empty without demand.</summary>
    public static string Demand(ReleaseNoteItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Votes <= 0)
        {
            return string.Empty;
        }

        var span = item.Span.StartsWith("within", StringComparison.Ordinal) ? item.Span : "over " + item.Span;
        return string.Create(CultureInfo.InvariantCulture, $" — 👍 {item.Votes} {span}");
    }

    /// <summary>
    /// How long an issue waited, in words: under a day "within a day", under 14 days in days, under 60 in weeks, under
    /// 730 in months (30 days), else years (365 days); always rounded down.
    /// </summary>
    public static string Span(DateTimeOffset from, DateTimeOffset to)
    {
        var days = (to - from).TotalDays;
        return days switch
        {
            < 1 => "within a day",
            < 14 => Count((int)days, "day"),
            < 60 => Count((int)(days / 7), "week"),
            < 730 => Count((int)(days / 30), "month"),
            _ => Count((int)(days / 365), "year"),
        };

        static string Count(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? string.Empty : "s")}");
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) address (the only links the notes make).</summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Makes tracker text plain inside a line of Markdown: CommonMark punctuation is backslash-escaped (no link, image,
    /// emphasis, code span or table cell), <c>&lt; &gt; &amp;</c> become entities (no HTML, no comment that would swallow
    /// the marker), and a zero-width space follows every reference sigil (<c>@ # ! ~ % $ &amp;</c>) and breaks
    /// <c>://</c> and <c>www.</c>, so neither tracker turns it into a mention, an issue or label reference or an autolink.
    /// Line breaks become spaces.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const char Zwsp = '\u200b';
        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '|' or '{' or '}':
                    escaped.Append('\\').Append(c);
                    break;
                case '!' or '~':
                    escaped.Append('\\').Append(c).Append(Zwsp);
                    break;
                case '@' or '#' or '%' or '$':
                    escaped.Append(c).Append(Zwsp);
                    break;
                case '&':
                    escaped.Append("&amp;").Append(Zwsp);
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case ':' when i + 2 < text.Length && text[i + 1] == '/' && text[i + 2] == '/':
                    escaped.Append(':').Append(Zwsp);
                    break;
                case 'w' or 'W' when i + 3 < text.Length && text.AsSpan(i, 4).Equals("www.", StringComparison.OrdinalIgnoreCase):
                    escaped.Append(text.AsSpan(i, 3)).Append(Zwsp);
                    i += 2;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n' or '\u2028' or '\u2029' or '\t':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    // Link destinations come from the tracker; percent-encode what would end the destination early.
    private static string Destination(string url) => url
        .Replace(" ", "%20", StringComparison.Ordinal)
        .Replace("(", "%28", StringComparison.Ordinal)
        .Replace(")", "%29", StringComparison.Ordinal)
        .Replace("<", "%3C", StringComparison.Ordinal)
        .Replace(">", "%3E", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal);

    [GeneratedRegex(@"<!-- issuesync:release-notes product=(\S+) milestone=(\d+) -->")]
    private static partial Regex MarkerPattern();
}
