using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>What is left of a text after redaction, and what was taken out (never the secret itself).</summary>
public sealed record RedactedText(string Text, IReadOnlyList<Redaction> Redactions);

/// <summary>
/// Removes secrets, internal hosts and private source links from text bound for a public tracker. Runs before
/// any other step, on the raw text including code blocks. Links to source issues and uploads are let through
/// untouched because the reference and upload steps replace them completely.
/// </summary>
public sealed class Redactor
{
    public const string Secret = "[REDACTED]";
    public const string InternalLink = "[internal link removed]";
    public const string InternalHost = "[internal host]";
    public const string PrivateLink = "[private link removed]";
    public const string PrivateProject = "[private project]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly List<(string Rule, Regex Pattern, string Replacement)> _rules = [];
    private readonly Regex[] _passThrough;

    /// <param name="sourceProjectPath">Path of the private project; bare mentions are removed unless linking to the source is allowed.</param>
    /// <param name="linkToSource">When true, links into the source project and its path may appear publicly.</param>
    public Redactor(RedactionRules rules, SourceLinks sourceLinks, string sourceProjectPath, bool linkToSource)
    {
        if (rules.UseDefaults)
        {
            foreach (var (rule, pattern) in DefaultSecretPatterns.All)
            {
                _rules.Add((rule, pattern, Secret));
            }
        }

        foreach (var pattern in rules.Patterns)
        {
            _rules.Add(("custom-pattern", new Regex(pattern, RegexOptions.CultureInvariant, Timeout), Secret));
        }

        foreach (var host in rules.InternalHosts.Where(h => !string.IsNullOrWhiteSpace(h)))
        {
            var escaped = $@"(?:[a-z0-9-]+\.)*{Regex.Escape(host.Trim().TrimEnd('.'))}(?![\w-]|\.\w)";
            _rules.Add(("internal-host", new Regex(
                $@"\b[a-z][a-z0-9+.-]*://(?:[^\s/@]+@)?{escaped}(?::\d+)?(?:[/?#][^\s)<>\]""'`]*)?",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout), InternalLink));
            _rules.Add(("internal-host", new Regex(
                $@"(?<![\w.-]){escaped}",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout), InternalHost));
        }

        if (!linkToSource)
        {
            _rules.Add(("private-url", sourceLinks.AnyUrl, PrivateLink));
            if (!string.IsNullOrWhiteSpace(sourceProjectPath))
            {
                // "group/project#12" is a reference the reference step rewrites, so it is not a bare path mention.
                _rules.Add(("private-url", new Regex(
                    $@"(?<![\w./-]){Regex.Escape(sourceProjectPath)}(?![\w/-]|#\d|\.\w)",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                    Timeout), PrivateProject));
            }
        }

        _passThrough = [sourceLinks.IssueUrl, sourceLinks.UploadUrl];
    }

    /// <param name="where">"title", "body", "comment 123" or "labels", as recorded in <see cref="Redaction.Where"/>.</param>
    public RedactedText Redact(string text, string where)
    {
        var (shielded, kept) = Shield(text);
        var counts = new List<(string Rule, int Count)>();
        foreach (var (rule, pattern, replacement) in _rules)
        {
            var count = 0;
            shielded = pattern.Replace(shielded, _ =>
            {
                count++;
                return replacement;
            });
            if (count > 0)
            {
                Add(counts, rule, count);
            }
        }

        var redactions = counts.Select(c => new Redaction(where, c.Rule, c.Count)).ToList();
        return new RedactedText(Unshield(shielded, kept), redactions);
    }

    private static void Add(List<(string Rule, int Count)> counts, string rule, int count)
    {
        var index = counts.FindIndex(c => c.Rule == rule);
        if (index < 0)
        {
            counts.Add((rule, count));
        }
        else
        {
            counts[index] = (rule, counts[index].Count + count);
        }
    }

    // Source issue and upload links are swapped for private-use-area placeholders no rule can match, then restored.
    private (string Text, List<string> Kept) Shield(string text)
    {
        var kept = new List<string>();
        foreach (var pattern in _passThrough)
        {
            text = pattern.Replace(text, m =>
            {
                kept.Add(m.Value);
                return $"\uE000{kept.Count - 1}\uE001";
            });
        }

        return (text, kept);
    }

    private static string Unshield(string text, List<string> kept)
    {
        if (kept.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text);
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            result.Replace($"\uE000{i}\uE001", kept[i]);
        }

        return result.ToString();
    }
}
