using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Sync.Core.Moving;
using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Publishing;

/// <summary>
/// One secret scan per product's redaction rules: gitleaks' rule set and IssueSync's additions
/// (<see cref="SecretRuleSet.Default"/>, unless <see cref="RedactionRules.UseDefaults"/> is off) plus the product's
/// own patterns. Built once per rules object (the rule set itself once per process).
/// </summary>
public static class SecretScans
{
    private static readonly ConditionalWeakTable<RedactionRules, SecretScan> Cache = [];

    public static SecretScan For(RedactionRules rules) => Cache.GetValue(rules, Build);

    private static SecretScan Build(RedactionRules rules)
    {
        var set = rules.UseDefaults ? SecretRuleSet.Default : SecretRuleSet.FromText([]);
        var custom = rules.Patterns.Select(p => ("custom-pattern", new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2))));
        var scanner = new SecretScanner(set, custom);
        return text => scanner.Scan(text).Select(f => (f.RuleId, f.Start, f.Length));
    }
}
