using System.Reflection;

namespace Sync.Core.Publishing.Secrets;

/// <summary>
/// The compiled secret rules: gitleaks' default rule file, vendored verbatim, plus ours. Building it compiles a few
/// hundred regexes, so the process shares one through <see cref="Default"/>.
/// </summary>
public sealed class SecretRuleSet
{
    public const string GitleaksFile = "gitleaks.toml";
    public const string IssueSyncFile = "issuesync-rules.toml";

    private static readonly Lazy<SecretRuleSet> LazyDefault = new(() => Load([GitleaksFile, IssueSyncFile]));

    private SecretRuleSet(IReadOnlyList<SecretRule> rules, IReadOnlyList<string> skippedRuleIds)
    {
        Rules = rules;
        SkippedRuleIds = skippedRuleIds;
    }

    /// <summary>Both embedded rule files, compiled once per process on first use.</summary>
    public static SecretRuleSet Default => LazyDefault.Value;

    public IReadOnlyList<SecretRule> Rules { get; }

    /// <summary>Rules that only match file paths; text has no path, so they are not compiled.</summary>
    public IReadOnlyList<string> SkippedRuleIds { get; }

    /// <summary>Compiles the named embedded rule files, in order.</summary>
    public static SecretRuleSet Load(IEnumerable<string> embeddedFiles) =>
        FromText(embeddedFiles.Select(name => (name, ReadEmbedded(name))));

    /// <summary>Compiles rule files given as (file name, TOML text); the file name only appears in error messages.</summary>
    /// <exception cref="SecretRuleFileException">A file is malformed, has an unknown key, or a rule does not compile.</exception>
    public static SecretRuleSet FromText(IEnumerable<(string FileName, string Text)> files)
    {
        var rules = new List<SecretRule>();
        var skipped = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (fileName, text) in files)
        {
            var file = RuleFileReader.Read(fileName, text);
            var global = file.Allowlists.Select(a => RuleCompiler.CompileAllowlist(a, fileName)).ToArray();
            foreach (var spec in file.Rules)
            {
                if (!ids.Add(spec.Id))
                {
                    throw new SecretRuleFileException(fileName, spec.Line, $"rule id '{spec.Id}' is used twice");
                }

                if (spec.Regex is null)
                {
                    skipped.Add(spec.Id);
                    continue;
                }

                rules.Add(RuleCompiler.Compile(spec, global, fileName));
            }
        }

        return new SecretRuleSet(rules, skipped);
    }

    internal static string ReadEmbedded(string fileName)
    {
        var resource = $"{typeof(SecretRuleSet).Namespace}.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded rule file '{resource}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
