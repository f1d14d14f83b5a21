using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Secrets;

/// <summary>One compiled secret rule, from gitleaks' file or ours.</summary>
public sealed class SecretRule
{
    private readonly Lazy<Regex> _pattern;
    private readonly Lazy<Regex?> _groupPattern;
    private readonly int _secretGroup;
    private readonly int[] _unnamedGroups;

    internal SecretRule(
        string id,
        string description,
        string source,
        Lazy<Regex> pattern,
        string patternText,
        bool leadingBoundary,
        int secretGroup,
        int[] unnamedGroups,
        double? entropy,
        IReadOnlyList<string> keywords,
        IReadOnlyList<SecretAllowlist> allowlists,
        bool needsTranslation)
    {
        Id = id;
        Description = description;
        Source = source;
        _pattern = pattern;

        // Only the linear-time engine needs the backtracking one to read groups (see GroupsOf); like the pattern, it is
        // built on first use.
        _groupPattern = secretGroup > 0 || unnamedGroups.Length > 0
            ? new Lazy<Regex?>(() => Pattern.Options.HasFlag(RegexOptions.NonBacktracking)
                ? new Regex(patternText, RegexOptions.CultureInvariant, RuleCompiler.BacktrackingTimeout)
                : null)
            : new Lazy<Regex?>(static () => null);
        LeadingBoundary = leadingBoundary;
        _secretGroup = secretGroup;
        _unnamedGroups = unnamedGroups;
        Entropy = entropy;
        Keywords = keywords;
        Allowlists = allowlists;
        NeededTranslation = needsTranslation;
    }

    public string Id { get; }

    public string Description { get; }

    /// <summary>The rule file it came from.</summary>
    public string Source { get; }

    /// <summary>
    /// The compiled pattern; without the rule's leading <c>\b</c> when it had one (see <see cref="LeadingBoundary"/>).
    /// Its syntax was checked when the rule file was read; the regex itself is built the first time it is asked for.
    /// </summary>
    public Regex Pattern => _pattern.Value;

    /// <summary>Whether <see cref="Pattern"/> has been built (a rule is built the first time one of its keywords occurs).</summary>
    internal bool IsCompiled => _pattern.IsValueCreated;

    /// <summary>
    /// True when the rule's pattern started with <c>\b</c>. The scanner checks that boundary itself, so it can accept a
    /// token glued to a preceding <c>_</c>, digit or decoded character (see <see cref="SecretScanner"/>).
    /// </summary>
    public bool LeadingBoundary { get; }

    /// <summary>True when <see cref="RegexOptions.NonBacktracking"/> refused the pattern and it runs with a match timeout.</summary>
    public bool UsesBacktracking => !Pattern.Options.HasFlag(RegexOptions.NonBacktracking);

    /// <summary>True when the RE2 pattern had to be rewritten to compile in .NET.</summary>
    public bool NeededTranslation { get; }

    /// <summary>Lower-case; the rule is tried only when one occurs in the text (always when empty).</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>Minimum Shannon entropy of the secret, in bits per character.</summary>
    public double? Entropy { get; }

    internal IReadOnlyList<SecretAllowlist> Allowlists { get; }

    /// <summary>The secret's position in <paramref name="text"/>: the configured group, else the first non-empty unnamed group, else the match.</summary>
    /// <remarks>
    /// Named groups are labels, not secrets: jwt-base64 names each alternative after the JWT header field it encodes,
    /// and taking that group (as gitleaks does) would leave most of the token in place. A configured group that did
    /// not take part in the match yields an empty secret, which is no finding.
    /// </remarks>
    internal (int Index, int Length) SecretOf(string text, Match match)
    {
        var groups = GroupsOf(text, match);
        if (_secretGroup > 0)
        {
            var chosen = groups.Groups[_secretGroup];
            return chosen.Success ? (chosen.Index, chosen.Length) : (0, 0);
        }

        foreach (var number in _unnamedGroups)
        {
            var group = groups.Groups[number];
            if (group.Success && group.Length > 0)
            {
                return (group.Index, group.Length);
            }
        }

        return (match.Index, match.Length);
    }

    /// <summary>
    /// The linear-time engine finds where a rule matches; the backtracking engine, confined to that span, says which
    /// groups took part. In .NET 10 the linear-time engine reports a group as not captured when the match ends with the
    /// text's final line feed, taken by an alternation with <c>\z</c>: <c>(a)(?:\n|\z)</c> on <c>"a\n"</c> matches with
    /// group 1 unset.
    /// </summary>
    private Match GroupsOf(string text, Match match)
    {
        if (_groupPattern.Value is not { } groupPattern)
        {
            return match;
        }

        var confined = groupPattern.Match(text, match.Index, match.Length);
        return confined.Success && confined.Index == match.Index ? confined : match;
    }

    /// <summary>Shannon entropy in bits per character, as gitleaks computes it for ASCII secrets.</summary>
    internal static double ShannonEntropy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in text)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var frequency = (double)count / text.Length;
            entropy -= frequency * Math.Log2(frequency);
        }

        return entropy;
    }
}
