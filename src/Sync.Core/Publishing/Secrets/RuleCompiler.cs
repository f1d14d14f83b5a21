using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Secrets;

/// <summary>Turns rule and allowlist specs into compiled rules.</summary>
internal static partial class RuleCompiler
{
    /// <summary>
    /// For patterns the linear-time engine refuses, and for reading groups within a match it found (see
    /// <see cref="SecretRule"/>). RE2 patterns cannot backtrack catastrophically in Go, but they can in .NET's engine.
    /// </summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromSeconds(1);

    private const RegexOptions Linear = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static SecretRule Compile(RuleSpec spec, IReadOnlyList<SecretAllowlist> globalAllowlists, string fileName)
    {
        var translation = Translate(spec.Regex!, fileName, spec.Line, spec.Id);
        var boundary = LeadingBoundary().Match(translation.Pattern);
        var source = boundary.Success ? translation.Pattern.Remove(boundary.Groups["b"].Index, 2) : translation.Pattern;
        var parsed = Parse(source, fileName, spec.Line, spec.Id);
        var secretGroup = spec.SecretGroup == 0 ? 0 : GroupNumber(translation, parsed, spec, fileName);
        int[] unnamed = [.. Enumerable.Range(1, translation.GroupNames.Count(n => n is null))];
        IReadOnlyList<SecretAllowlist> allowlists = [.. globalAllowlists, .. spec.Allowlists.Select(a => CompileAllowlist(a, fileName))];
        return new SecretRule(
            spec.Id, spec.Description, fileName, Build(source), source, boundary.Success, secretGroup, unnamed, spec.Entropy, spec.Keywords, allowlists, translation.Changed);
    }

    public static SecretAllowlist CompileAllowlist(AllowlistSpec spec, string fileName)
    {
        var target = spec.RegexTarget switch
        {
            "match" => AllowlistTarget.Match,
            "line" => AllowlistTarget.Line,
            _ => AllowlistTarget.Secret,
        };
        var regexes = spec.Regexes
            .Select(r => Translate(r, fileName, spec.Line, "allowlist").Pattern)
            .Select(pattern => Build(Parse(pattern, fileName, spec.Line, "allowlist").ToString()))
            .ToArray();
        return new SecretAllowlist(regexes, target, spec.StopWords, spec.MatchAll, spec.NeedsFileContext);
    }

    private static Re2Translation Translate(string re2, string fileName, int line, string id)
    {
        try
        {
            return Re2Translator.Translate(re2);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            throw new SecretRuleFileException(fileName, line, $"'{id}': {e.Message}");
        }
    }

    /// <summary>
    /// Checks the pattern now: both engines share .NET's parser, so a pattern that does not compile fails here, when the
    /// rule file is read, as before. The parsed (interpreted) regex is cheap and answers group numbers.
    /// </summary>
    private static Regex Parse(string pattern, string fileName, int line, string id)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, BacktrackingTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SecretRuleFileException(fileName, line, $"'{id}': the regex does not compile in .NET: {e.Message}");
        }
    }

    /// <summary>
    /// Linear-time engine first; the backtracking engine with a timeout only where it is refused. Built on first use:
    /// the linear-time engine keeps its automaton's tables per regex (about 1 MiB for a gitleaks rule with <c>\b</c> or
    /// <c>\s</c>, over 300 MiB live for the whole default set), and most rules never run, because a rule is tried only
    /// when one of its keywords occurs in the text.
    /// </summary>
    private static Lazy<Regex> Build(string pattern) => new(() =>
    {
        try
        {
            return new Regex(pattern, Linear);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, BacktrackingTimeout);
        }
    });

    private static int GroupNumber(Re2Translation translation, Regex parsed, RuleSpec spec, string fileName)
    {
        if (spec.SecretGroup > translation.GroupNames.Count)
        {
            throw new SecretRuleFileException(fileName, spec.Line, $"'{spec.Id}': secretGroup {spec.SecretGroup} but the regex has {translation.GroupNames.Count} groups");
        }

        // RE2 numbers groups left to right; .NET numbers unnamed groups first, then named ones.
        var name = translation.GroupNames[spec.SecretGroup - 1];
        return name is null
            ? translation.GroupNames.Take(spec.SecretGroup).Count(n => n is null)
            : parsed.GroupNumberFromName(name);
    }

    /// <summary>A <c>\b</c> at the very start, after any inline flag groups such as <c>(?i)</c>.</summary>
    [GeneratedRegex(@"\A(?:\(\?[a-zA-Z-]+\))*(?<b>\\b)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingBoundary();
}
