using System.Globalization;
using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Secrets;

/// <summary>A span of the original text that holds a secret and must be removed.</summary>
public sealed record SecretFinding(string RuleId, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds secrets in text bound for a public tracker, with gitleaks' semantics: a rule runs only when one of its
/// keywords occurs, its secret must reach the rule's entropy, and allowlists drop findings. The text is scanned as
/// given and as a decoded view (<see cref="TextView"/>); a rule's leading <c>\b</c> is checked here so a token glued to
/// a preceding <c>_</c>, digit or decoded character still matches. Every finding is a span of the original text,
/// overlapping spans merged. Findings that consist only of <see cref="Placeholder"/> are dropped, so scanning
/// redacted text finds nothing more.
/// </summary>
/// <remarks>
/// A rule on the backtracking engine that exceeds its match timeout throws <see cref="RegexMatchTimeoutException"/>:
/// the caller cannot know the text is clean and must not publish it.
/// </remarks>
public sealed class SecretScanner
{
    public const string Placeholder = "[REDACTED]";

    private readonly SecretRuleSet _rules;
    private readonly (string Id, Regex Pattern)[] _extra;

    public SecretScanner(SecretRuleSet rules)
        : this(rules, [])
    {
    }

    /// <param name="extra">Custom .NET patterns from configuration; their whole match is the secret.</param>
    public SecretScanner(SecretRuleSet rules, IEnumerable<(string Id, Regex Pattern)> extra)
    {
        _rules = rules;
        _extra = [.. extra];
    }

    public IReadOnlyList<SecretFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<SecretFinding>();
        Scan(TextView.Original(text), findings);
        var decoded = TextView.Decode(text);
        if (decoded.IsDecoded)
        {
            Scan(decoded, findings);
        }

        return Merge(findings);
    }

    private void Scan(TextView view, List<SecretFinding> findings)
    {
        var text = view.Text;
        var lower = text.ToLowerInvariant();
        var placeholders = PlaceholderMask(text);
        foreach (var rule in _rules.Rules)
        {
            if (rule.Keywords.Count > 0 && !rule.Keywords.Any(k => lower.Contains(k, StringComparison.Ordinal)))
            {
                continue;
            }

            Collect(view, rule, placeholders, findings);
        }

        foreach (var (id, pattern) in _extra)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (match.Length > 0 && !OnlyPlaceholder(text, placeholders, match.Index, match.Length))
                {
                    var (start, length) = view.ToOriginal(match.Index, match.Length);
                    findings.Add(new SecretFinding(id, start, length));
                }
            }
        }
    }

    private static void Collect(TextView view, SecretRule rule, bool[]? placeholders, List<SecretFinding> findings)
    {
        var text = view.Text;
        for (var match = rule.Pattern.Match(text); match.Success; match = match.NextMatch())
        {
            while (rule.LeadingBoundary && match.Success && !BoundaryOrGlue(view, match.Index))
            {
                match = rule.Pattern.Match(text, match.Index + 1);
            }

            if (!match.Success)
            {
                break;
            }

            var (index, length) = rule.SecretOf(text, match);
            if (length == 0 || OnlyPlaceholder(text, placeholders, index, length))
            {
                continue;
            }

            var secret = text.Substring(index, length);
            if (rule.Entropy is { } minimum && SecretRule.ShannonEntropy(secret) < minimum)
            {
                continue;
            }

            var matchText = match.Value.Trim('\n');
            var line = LineAround(text, match.Index, match.Index + match.Length);
            if (rule.Allowlists.Any(a => a.Allows(secret, matchText, line)))
            {
                continue;
            }

            var (start, originalLength) = view.ToOriginal(index, length);
            findings.Add(new SecretFinding(rule.Id, start, originalLength));
        }
    }

    /// <summary>
    /// Stands in for the <c>\b</c> a rule started with. Where the boundary holds the match is gitleaks' own; where the
    /// token is glued to a word character it still counts after <c>_</c> or a digit (<c>x_AKIA…</c>, <c>%20AKIA…</c>)
    /// or where the view dropped or decoded something, but not after a letter, which keeps tokens such as vault's
    /// <c>s.…</c> from being found inside ordinary words (<c>requests.…</c>).
    /// </summary>
    private static bool BoundaryOrGlue(TextView view, int index)
    {
        var text = view.Text;
        if (index == 0 || index >= text.Length || IsWordChar(text[index - 1]) != IsWordChar(text[index]))
        {
            return true;
        }

        return !char.IsLetter(text[index - 1]) || view.SeamBefore(index);
    }

    /// <summary>.NET's word character for <c>\b</c>: letters, digits, connector punctuation, marks, and the zero-width (non-)joiner.</summary>
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c)
        || c is '\u200C' or '\u200D'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The whole lines the match touches, as gitleaks' "line" allowlist target.</summary>
    private static string LineAround(string text, int start, int end)
    {
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        var lineEnd = text.IndexOf('\n', Math.Max(end - 1, lineStart));
        return text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
    }

    /// <summary>Marks the characters that belong to a <see cref="Placeholder"/>; null when there is none.</summary>
    private static bool[]? PlaceholderMask(string text)
    {
        var at = text.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var mask = new bool[text.Length];
        for (; at >= 0; at = text.IndexOf(Placeholder, at + Placeholder.Length, StringComparison.Ordinal))
        {
            Array.Fill(mask, true, at, Placeholder.Length);
        }

        return mask;
    }

    /// <summary>True when every letter or digit of the span belongs to a placeholder.</summary>
    private static bool OnlyPlaceholder(string text, bool[]? mask, int start, int length)
    {
        if (mask is null)
        {
            return false;
        }

        for (var i = start; i < start + length; i++)
        {
            if (!mask[i] && char.IsLetterOrDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<SecretFinding> Merge(List<SecretFinding> findings)
    {
        var merged = new List<SecretFinding>(findings.Count);
        foreach (var finding in findings.OrderBy(f => f.Start).ThenByDescending(f => f.Length))
        {
            if (merged.Count > 0 && finding.Start < merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { Length = Math.Max(last.End, finding.End) - last.Start };
            }
            else
            {
                merged.Add(finding);
            }
        }

        return merged;
    }
}
