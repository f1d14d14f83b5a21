using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Secrets;

/// <summary>What an allowlist regex is tried against.</summary>
internal enum AllowlistTarget
{
    Secret,
    Match,
    Line,
}

/// <summary>
/// A compiled gitleaks allowlist: a finding is dropped when a regex matches its target or its secret contains a
/// stopword (any of them with <c>condition = "OR"</c>, every kind present with <c>"AND"</c>). Path and commit checks
/// cannot pass on text, so an allowlist that needs one under "AND", or has nothing else under "OR", never drops anything.
/// Its regexes are built on first use, like a rule's pattern.
/// </summary>
internal sealed class SecretAllowlist(IReadOnlyList<Lazy<Regex>> regexes, AllowlistTarget target, IReadOnlyList<string> stopWords, bool matchAll, bool needsFileContext)
{
    public bool Allows(string secret, string match, string line)
    {
        if (matchAll && needsFileContext)
        {
            return false;
        }

        var subject = target switch
        {
            AllowlistTarget.Match => match,
            AllowlistTarget.Line => line,
            _ => secret,
        };
        var regexHit = regexes.Count > 0 && regexes.Any(r => r.Value.IsMatch(subject));
        var stopWordHit = stopWords.Count > 0 && ContainsStopWord(secret);
        return matchAll
            ? (regexes.Count > 0 || stopWords.Count > 0) && (regexes.Count == 0 || regexHit) && (stopWords.Count == 0 || stopWordHit)
            : regexHit || stopWordHit;
    }

    private bool ContainsStopWord(string secret)
    {
        var lower = secret.ToLowerInvariant();
        return stopWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
    }
}
