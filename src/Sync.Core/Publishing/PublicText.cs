using System.Text.RegularExpressions;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Markdown;
using Sync.Core.Publishing.Text;

namespace Sync.Core.Publishing;

/// <summary>
/// Turns hostile text from a private tracker into what may be written publicly: secrets out first (before any rewrite
/// can split one), then the rewrites that need to know the text's structure (links, references, mentions, uploads,
/// hidden HTML comments, command lines), then the text-level redaction of whatever is left (secrets again, internal
/// hosts, private paths), code included.
/// </summary>
public sealed partial class PublicText(PublicRewrites rewrites, TextRedactor redactor)
{
    public PublicRewrites Rewrites => rewrites;

    public TextRedactor Redactor => redactor;

    /// <summary>A Markdown body or comment.</summary>
    public string Markdown(string text, Findings findings)
    {
        var clean = redactor.RedactSecrets(Clean(text), findings);
        var rewritten = new MarkdownRewriter(rewrites, findings).Rewrite(clean);
        var commands = CommandLines.Neutralise(rewritten, findings);
        return redactor.Redact(commands, findings);
    }

    /// <summary>
    /// Text no tracker renders as Markdown (titles, label and milestone names and descriptions): links become plain
    /// text, mentions lose their '@' (a backtick does not protect a GitLab title), references become words.
    /// </summary>
    public string Plain(string text, Findings findings)
    {
        var clean = redactor.RedactSecrets(Clean(text), findings);
        var edits = new SourceEdits(clean);
        var urls = new List<(int Start, int End)>();
        foreach (Match url in BareUrl().Matches(clean))
        {
            var value = url.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
            urls.Add((url.Index, url.Index + value.Length));
            var verdict = rewrites.Rules.Links.Classify(value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + value : value);
            if (verdict.Kind != LinkKind.Public)
            {
                edits.Replace(url.Index, url.Index + value.Length, rewrites.ForBareLink(verdict, TextContext.Plain));
                findings.Add(verdict.Rule);
            }
        }

        var run = TextRun.HtmlDecoded(clean, 0, clean.Length);
        var rendered = run.Text;
        foreach (var mention in Mentions.Find(rendered))
        {
            var (start, end) = run.SourceSpan(mention.Index, mention.Index + mention.Length);
            if (!urls.Exists(u => start < u.End && u.Start < end))
            {
                edits.Replace(start, end, rewrites.Mention(mention.Name, TextContext.Plain, string.Empty));
                findings.Add(rewrites.IsMapped(mention.Name) ? "mention-mapped" : "mention");
            }
        }

        foreach (var reference in References.Find(rendered))
        {
            var (start, end) = run.SourceSpan(reference.Index, reference.Index + reference.Length);
            if (!urls.Exists(u => start < u.End && u.Start < end) && rewrites.Reference(reference, TextContext.Plain, out var rule) is { } replacement)
            {
                edits.Replace(start, end, replacement);
                findings.Add(rule!);
            }
        }

        return redactor.Redact(edits.Apply(), findings);
    }

    /// <summary>
    /// Line endings normalised; the two private-use characters that delimit IssueSync's upload placeholders are taken
    /// out, so copied text can never forge a placeholder.
    /// </summary>
    internal static string Clean(string text) =>
        text.ReplaceLineEndings("\n").Replace("\uE000", string.Empty, StringComparison.Ordinal).Replace("\uE001", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"(?:\b(?:https?|ftp)://|\bwww\.|(?<![\w/.])/(?:-/project/\d+/)?uploads/)[^\s<>""'`\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareUrl();
}
