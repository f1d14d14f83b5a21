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
        var pattern = Build(source, fileName, spec.Line, spec.Id);
        var secretGroup = spec.SecretGroup == 0 ? 0 : GroupNumber(translation, pattern, spec, fileName);
        int[] unnamed = [.. Enumerable.Range(1, translation.GroupNames.Count(n => n is null))];
        var groupPattern = pattern.Options.HasFlag(RegexOptions.NonBacktracking) && (secretGroup > 0 || unnamed.Length > 0)
            ? new Regex(source, RegexOptions.CultureInvariant, BacktrackingTimeout)
            : null;
        IReadOnlyList<SecretAllowlist> allowlists = [.. globalAllowlists, .. spec.Allowlists.Select(a => CompileAllowlist(a, fileName))];
        return new SecretRule(
            spec.Id, spec.Description, fileName, pattern, groupPattern, boundary.Success, secretGroup, unnamed, spec.Entropy, spec.Keywords, allowlists, translation.Changed);
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
            .Select(r => Build(Translate(r, fileName, spec.Line, "allowlist").Pattern, fileName, spec.Line, "allowlist"))
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

    /// <summary>Linear-time engine first; the backtracking engine with a timeout only where it is refused.</summary>
    private static Regex Build(string pattern, string fileName, int line, string id)
    {
        try
        {
            try
            {
                return new Regex(pattern, Linear);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, BacktrackingTimeout);
            }
        }
        catch (ArgumentException e)
        {
            throw new SecretRuleFileException(fileName, line, $"'{id}': the regex does not compile in .NET: {e.Message}");
        }
    }

    private static int GroupNumber(Re2Translation translation, Regex pattern, RuleSpec spec, string fileName)
    {
        if (spec.SecretGroup > translation.GroupNames.Count)
        {
            throw new SecretRuleFileException(fileName, spec.Line, $"'{spec.Id}': secretGroup {spec.SecretGroup} but the regex has {translation.GroupNames.Count} groups");
        }

        // RE2 numbers groups left to right; .NET numbers unnamed groups first, then named ones.
        var name = translation.GroupNames[spec.SecretGroup - 1];
        return name is null
            ? translation.GroupNames.Take(spec.SecretGroup).Count(n => n is null)
            : pattern.GroupNumberFromName(name);
    }

    /// <summary>A <c>\b</c> at the very start, after any inline flag groups such as <c>(?i)</c>.</summary>
    [GeneratedRegex(@"\A(?:\(\?[a-zA-Z-]+\))*(?<b>\\b)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingBoundary();
}
