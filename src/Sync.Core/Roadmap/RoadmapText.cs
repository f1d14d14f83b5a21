using System.Globalization;
using System.Text;

namespace Sync.Core.Roadmap;

/// <summary>
/// The Markdown body of a product's public roadmap issue, and a line diff for dry runs. The body depends only on the
/// roadmap and the rules (no "last updated" time), so an unchanged roadmap renders byte-identical and is not rewritten.
/// </summary>
public static class RoadmapText
{
    private const string Intro = "_Rebuilt by IssueSync from votes, RICE scores and milestones. Vote with 👍 on the issues you want most._";
    private const string None = "—";

    /// <summary>Hidden line that identifies a product's roadmap issue, whatever its title.</summary>
    public static string Marker(string product) => $"<!-- issuesync:roadmap {product} -->";

    public static bool IsRoadmapOf(string body, string product) =>
        body is not null && body.Contains(Marker(product), StringComparison.Ordinal);

    /// <summary>True for the roadmap issue of any product (RICE and votes leave it alone).</summary>
    public static bool IsAnyRoadmap(string body) =>
        body is not null && body.Contains("<!-- issuesync:roadmap ", StringComparison.Ordinal);

    public static string Render(ProductRoadmap roadmap, RoadmapRules rules)
    {
        ArgumentNullException.ThrowIfNull(roadmap);
        ArgumentNullException.ThrowIfNull(rules);

        var text = new StringBuilder();
        Line(text, Intro);
        foreach (var section in new[] { RoadmapSection.Now, RoadmapSection.Next, RoadmapSection.Later })
        {
            Line(text, string.Empty);
            Line(text, $"## {section}");
            Line(text, string.Empty);
            var items = roadmap.In(section).ToList();
            if (items.Count == 0)
            {
                Line(text, "_Nothing planned here yet._");
                continue;
            }

            Line(text, "| Issue | Demand | RICE | Milestone |");
            Line(text, "| --- | --- | --- | --- |");
            foreach (var item in items)
            {
                Line(text, $"| {Link(item)} | {Demand(item)} | {Rice(item)} | {Milestone(item)} |");
            }
        }

        AppendNeedsInput(text, roadmap);

        Line(text, string.Empty);
        Line(text, "## Recently shipped");
        Line(text, string.Empty);
        var shipped = roadmap.In(RoadmapSection.Shipped).ToList();
        if (shipped.Count == 0)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"_Nothing shipped in the last {rules.ShippedDays} days._"));
        }

        foreach (var item in shipped)
        {
            var when = item.ClosedAt is { } at ? $" — shipped {Date(DateOnly.FromDateTime(at.UtcDateTime))}" : string.Empty;
            Line(text, $"- {Link(item)}{when}");
        }

        Line(text, string.Empty);
        text.Append(Marker(roadmap.Product));
        return text.ToString();
    }

    /// <summary>Heading of the section of open requests that lack RICE inputs (also the anchor voters are sent to).</summary>
    public const string NeedsInputHeading = "Needs input";

    /// <summary>
    /// Open requests that lack RICE inputs, by demand, so a voter finds the issue they voted for. Left out when there are
    /// none (and so whenever RICE is off), which keeps those roadmaps' text as it was.
    /// </summary>
    private static void AppendNeedsInput(StringBuilder text, ProductRoadmap roadmap)
    {
        var items = roadmap.In(RoadmapSection.NeedsInput).ToList();
        if (items.Count == 0)
        {
            return;
        }

        Line(text, string.Empty);
        Line(text, $"## {NeedsInputHeading}");
        Line(text, string.Empty);
        Line(text, "_Open requests that cannot be ranked yet: they need RICE inputs (an impact label and an effort estimate). Most votes first._");
        Line(text, string.Empty);
        Line(text, "| Issue | Demand |");
        Line(text, "| --- | --- |");
        foreach (var item in items)
        {
            Line(text, $"| {Link(item)} | {Demand(item)} |");
        }

        if (roadmap.NeedsInputMore > 0)
        {
            Line(text, string.Empty);
            Line(text, string.Create(CultureInfo.InvariantCulture, $"_…and {roadmap.NeedsInputMore} more._"));
        }
    }

    /// <summary>
    /// Lines removed (<c>- </c>) and added (<c>+ </c>) from <paramref name="before"/> to <paramref name="after"/>, in
    /// document order, from a longest common subsequence of lines. Empty when equal; every line added when there is
    /// no before.
    /// </summary>
    public static IReadOnlyList<string> Diff(string? before, string after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var a = SplitLines(before);
        var b = SplitLines(after);

        // Common head and tail cost nothing to skip and keep the table small for the usual one-row change.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var x = a[head..^tail];
        var y = b[head..^tail];

        // lcs[i, j] = length of the longest common subsequence of x[i..] and y[j..].
        var lcs = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        {
            for (var j = y.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = x[i] == y[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new List<string>();
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q])
            {
                p++;
                q++;
            }
            else if (q == y.Length || (p < x.Length && lcs[p + 1, q] >= lcs[p, q + 1]))
            {
                diff.Add("- " + x[p++]);
            }
            else
            {
                diff.Add("+ " + y[q++]);
            }
        }

        return diff;
    }

    // Trackers may hand the body back with CRLF; a trailing newline is not a line of its own.
    private static string[] SplitLines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Link(RoadmapItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"[#{item.Number} {Escape(item.Title)}]({Destination(item.Url)})");

    // The count is written out as words: the emoji alone means nothing to a screen reader or a font without it.
    private static string Demand(RoadmapItem item)
    {
        var votes = Votes(item.Up);
        var forum = item.ForumVotes > 0 ? " " + FromTheForum(item.ForumVotes) : string.Empty;
        return item.UpChange == 0
            ? $"{votes} (👍){forum}"
            : string.Create(CultureInfo.InvariantCulture, $"{votes} (👍, {(item.UpChange > 0 ? "+" : string.Empty)}{item.UpChange} this week){forum}");
    }

    /// <summary><c>1 vote</c>, <c>12 votes</c>: a vote count as text.</summary>
    public static string Votes(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "vote" : "votes")}");

    /// <summary><c>+42 from the forum</c>: a forum's number-only votes, shown apart from the counted voters.</summary>
    public static string FromTheForum(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"+{count} from the forum");

    private static string Rice(RoadmapItem item)
    {
        if (item.RiceScore is not { } score)
        {
            return None;
        }

        var value = score.ToString("0.##", CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(item.RiceBucket) ? value : $"{Escape(item.RiceBucket)} · {value}";
    }

    private static string Milestone(RoadmapItem item)
    {
        if (string.IsNullOrEmpty(item.Milestone))
        {
            return None;
        }

        var title = Escape(item.Milestone);
        return item.MilestoneDue is { } due ? $"{title} (due {Date(due)})" : title;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Makes tracker text safe inside a table cell and link text: it cannot end the cell or the link, start HTML or a
    /// comment (and so swallow the marker), break the line, or mention anyone.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '|' or '[' or ']':
                    escaped.Append('\\').Append(c);
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '&':
                    // "&#64;bob" would render as a mention, "&lt;!--" as nothing at all.
                    escaped.Append("&amp;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '@':
                    escaped.Append("@\u200b");
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n' or '\u2028' or '\u2029':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    // Link destinations come from the tracker; percent-encode what would end the destination early.
    private static string Destination(string url) => url
        .Replace(" ", "%20", StringComparison.Ordinal)
        .Replace("(", "%28", StringComparison.Ordinal)
        .Replace(")", "%29", StringComparison.Ordinal)
        .Replace("<", "%3C", StringComparison.Ordinal)
        .Replace(">", "%3E", StringComparison.Ordinal)
        .Replace("|", "%7C", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal);
}
