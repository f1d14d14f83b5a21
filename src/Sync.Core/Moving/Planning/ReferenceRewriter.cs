using System.Globalization;
using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Rewrites references to issues of the source project: moved issues point at their public URL, the rest
/// become plain text that links nowhere (a bare "#12" would silently link to an unrelated target issue).
/// References to other projects are left as written.
/// </summary>
public sealed partial class ReferenceRewriter
{
    private readonly SourceLinks _links;
    private readonly string _sourcePath;
    private readonly IReadOnlyDictionary<long, string> _moved;
    private readonly Regex _reference;

    public ReferenceRewriter(SourceLinks links, string sourcePath, IReadOnlyDictionary<long, string> movedIssues)
    {
        _links = links;
        _sourcePath = sourcePath;
        _moved = movedIssues;

        // One pass over three shapes so a rewritten reference is never rewritten again.
        var url = links.IssueUrl.ToString();
        _reference = new Regex(
            $@"\[(?<text>[^\]\n]*)\]\(<?(?<lurl>{url})>?(?:\s+""[^""\n]*"")?\)|<?(?<url>{url})>?|{ShortReference().ToString()}",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(2));
    }

    /// <summary>Plain text for an issue that did not move; no '#', so the target cannot autolink it.</summary>
    public static string Unmoved(long number) => string.Create(CultureInfo.InvariantCulture, $"dev issue {number}");

    /// <summary>Markdown bodies: moved issues become links.</summary>
    public string Rewrite(string text) => Rewrite(text, markdown: true);

    /// <summary>Titles are not Markdown: every reference becomes plain text.</summary>
    public string RewritePlain(string text) => Rewrite(text, markdown: false);

    // Short references in code are code; a full source URL in code still names the private project, so it is
    // rewritten there too (the redactor let it through on the promise that this step replaces it).
    private string Rewrite(string text, bool markdown)
    {
        var prose = MarkdownCode.MapProse(text, p => _reference.Replace(p, m => Replace(m, markdown)));
        return _links.IssueUrl.Replace(prose, m => markdown && _moved.TryGetValue(Number(m.Value), out var target) ? target : Unmoved(Number(m.Value)));
    }

    private string Replace(Match match, bool markdown)
    {
        if (match.Groups["lurl"].Success)
        {
            var number = Number(match.Groups["lurl"].Value);
            var text = match.Groups["text"].Value;
            if (markdown && _moved.TryGetValue(number, out var target))
            {
                return $"[{text}]({target})";
            }

            var plainText = ShortReference().Replace(text, m => IsSource(m) ? Unmoved(long.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture)) : m.Value);
            plainText = _links.IssueUrl.Replace(plainText, m => Unmoved(Number(m.Value)));
            return plainText == Unmoved(number) || plainText.Length == 0 ? Unmoved(number) : $"{plainText} ({Unmoved(number)})";
        }

        if (match.Groups["url"].Success)
        {
            var number = Number(match.Groups["url"].Value);
            return markdown && _moved.TryGetValue(number, out var target) ? target : Unmoved(number);
        }

        if (!IsSource(match))
        {
            return match.Value;
        }

        var num = long.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture);
        return markdown && _moved.TryGetValue(num, out var url) ? $"[#{num}]({url})" : Unmoved(num);
    }

    private bool IsSource(Match shortReference) =>
        !shortReference.Groups["proj"].Success ||
        string.Equals(shortReference.Groups["proj"].Value, _sourcePath, StringComparison.OrdinalIgnoreCase);

    private long Number(string url) =>
        long.Parse(_links.IssueUrl.Match(url).Groups["num"].Value, CultureInfo.InvariantCulture);

    // "#12" or "group/project#12". Not after a word, '&' (HTML entities), '/' or '#', not followed by a word
    // character: "#fff" colours, "&#123;" entities and "# Heading" lines never match.
    [GeneratedRegex(@"(?<![\w&/#.-])(?:(?<proj>[\w.-]+(?:/[\w.-]+)+))?#(?<num>\d+)(?!\w)", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex ShortReference();
}
