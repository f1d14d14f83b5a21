using System.Text.RegularExpressions;
using Sync.Core.Publishing.Markdown;

namespace Sync.Core.Publishing;

/// <summary>
/// The text-level rules: secrets, internal hosts, links and paths into private places, and source upload paths, found
/// anywhere in a text (code blocks included: a secret in code is still a secret). Used twice: to redact what the
/// rewrites left (<see cref="Redact"/>), and by <see cref="PublicTextGuard"/> to refuse a write that still matches
/// (<see cref="Find"/>).
/// </summary>
public sealed partial class TextRedactor
{
    public const string Secret = "[REDACTED]";
    public const string InternalLink = "[internal link removed]";
    public const string InternalHost = "[internal host]";
    public const string PrivateLink = "[private link removed]";
    public const string PrivateProject = "[private project]";
    public const string Attachment = "[attachment not copied]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly SecretScan _secrets;
    private readonly PrivateScope _scope;
    private readonly List<(string Rule, Regex Pattern, Func<Match, string?> Replacement)> _rules = [];

    /// <param name="secrets">Finds secrets: (rule, start, length) spans of the text.</param>
    /// <param name="uploadPaths">Also redact bare <c>/uploads/&lt;secret&gt;/...</c> paths (planning; not for the final check, whose texts hold the target's own uploads).</param>
    public TextRedactor(SecretScan secrets, PrivateScope scope, bool uploadPaths = true)
    {
        _secrets = secrets;
        _scope = scope;
        if (!scope.LinkToSource && scope.SourceWebRoot is { } sourceRoot && scope.SourcePath.Length > 0)
        {
            _rules.Add(("private-url", new Regex(
                $@"(?i)(?:(?:https?:)?//|ssh://(?:[^\s/@]+@)?|git@|(?<![\w.@/-])){HostPattern(sourceRoot)}(?::\d+)?[:/]{PathPrefix(sourceRoot)}{Regex.Escape(scope.SourcePath)}(?![\w-])(?:[^\s)<>\]""'`]*(?<![.,;:!?]))?",
                RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout), _ => PrivateLink));
        }

        foreach (var root in scope.PrivateRoots)
        {
            // Checked per match: a public project inside a private namespace stays.
            _rules.Add(("private-namespace", new Regex(
                $@"(?i)(?:(?:https?:)?//|ssh://(?:[^\s/@]+@)?|git@|(?<![\w.@/-])){HostPattern(root)}(?::\d+)?[:/]{PathPrefix(root)}[\w.\-]+(?:/[\w.\-]+)*(?:[^\s)<>\]""'`]*(?<![.,;:!?]))?",
                RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout), m => IsPrivateMatch(m.Value) ? PrivateLink : null));
        }

        foreach (var host in scope.InternalHosts)
        {
            var escaped = $@"(?:[a-z0-9-]+\.)*{Regex.Escape(host)}(?![\w-]|\.\w)";
            _rules.Add(("internal-host", new Regex(
                // A user-info '@' may have been made code by the mention rewrite ("`@host`"): the URL goes on after it.
                $@"\b[a-z][a-z0-9+.-]*://(?:[^\s/@]+@)?{escaped}(?:`|</code>)?(?::\d+)?(?:[/?#][^\s)<>\]""'`]*(?<![.,;:!?]))?",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout), _ => InternalLink));
            _rules.Add(("internal-host", new Regex($@"(?<![\w.-]){escaped}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout), _ => InternalHost));
        }

        if (!scope.LinkToSource && scope.SourcePath.Contains('/', StringComparison.Ordinal))
        {
            _rules.Add(("private-url", new Regex(
                $@"(?<![\w./-]){Regex.Escape(scope.SourcePath)}(?![\w/-]|\.\w)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout), _ => PrivateProject));
        }

        if (uploadPaths)
        {
            _rules.Add(("source-upload", UploadPath(), _ => Attachment));
        }
    }

    /// <summary>Replaces every match; <paramref name="findings"/> gets the rule names and counts.</summary>
    public string Redact(string text, Findings findings)
    {
        text = RedactSecrets(text, findings);

        foreach (var (rule, pattern, replacement) in _rules)
        {
            text = pattern.Replace(text, m =>
            {
                if (replacement(m) is not { } replaced)
                {
                    return m.Value;
                }

                findings.Add(rule);
                return replaced;
            });
        }

        return text;
    }

    /// <summary>
    /// Replaces secrets only. Runs first, on the text as copied: a secret is found before any rewrite can split it
    /// (a mention made code inside a URL's user info, say), and a structural rewrite never carries one along.
    /// </summary>
    public string RedactSecrets(string text, Findings findings)
    {
        foreach (var (rule, start, length) in _secrets(text).OrderByDescending(s => s.Start))
        {
            text = string.Concat(text.AsSpan(0, start), Secret, text.AsSpan(start + length));
            findings.Add(rule);
        }

        return text;
    }

    /// <summary>The rules that match <paramref name="text"/> as it is (nothing is replaced).</summary>
    public IReadOnlyList<string> Find(string text)
    {
        var rules = _secrets(text).Select(s => s.Rule).ToList();
        foreach (var (rule, pattern, replacement) in _rules)
        {
            if (pattern.Matches(text).Any(m => replacement(m) is not null))
            {
                rules.Add(rule);
            }
        }

        return [.. rules.Distinct(StringComparer.Ordinal)];
    }

    private bool IsPrivateMatch(string match)
    {
        var url = match.StartsWith("git@", StringComparison.OrdinalIgnoreCase) ? "https://" + match[4..].Replace(':', '/') : match;
        url = url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? "https://" + url[(url.IndexOf('@', StringComparison.Ordinal) + 1)..] : url;
        url = url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url;
        url = url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url;
        return !Uri.TryCreate(url, UriKind.Absolute, out var uri) || _scope.IsPrivateUrl(uri);
    }

    private static string HostPattern(Uri root) => $"(?:www\\.)?{Regex.Escape(root.IdnHost)}";

    private static string PathPrefix(Uri root) => Regex.Escape(root.AbsolutePath.TrimStart('/'));

    // Project-relative only: an absolute upload URL of the source is a source URL (the rules above), one of another site is its own.
    [GeneratedRegex(@"(?<![\w/.:])/(?:-/project/\d+/)?uploads/[0-9a-fA-F]{32}(?:/[^\s)""'<>`]*)?", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex UploadPath();
}

/// <summary>Finds secrets in a text: (rule, start, length) spans to remove.</summary>
public delegate IEnumerable<(string Rule, int Start, int Length)> SecretScan(string text);
