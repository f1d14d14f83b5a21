using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;

namespace Sync.Core.Publishing;

/// <summary>One secret scan per product's redaction rules, built once (compiling the rule set is not free).</summary>
public static class SecretScans
{
    private static readonly ConditionalWeakTable<RedactionRules, SecretScan> Cache = [];

    public static SecretScan For(RedactionRules rules) => Cache.GetValue(rules, Build);

    private static SecretScan Build(RedactionRules rules)
    {
        var patterns = new List<(string Rule, Regex Pattern)>();
        if (rules.UseDefaults)
        {
            patterns.AddRange(DefaultSecretPatterns.All);
        }

        patterns.AddRange(rules.Patterns.Select(p => ("custom-pattern", new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2)))));
        return text => Merge(patterns.SelectMany(p => p.Pattern.Matches(text).Where(m => m.Length > 0).Select(m => (p.Rule, m.Index, m.Length))));
    }

    /// <summary>Overlapping spans become one (the first rule's name), so a replacement never cuts into another.</summary>
    internal static IEnumerable<(string Rule, int Start, int Length)> Merge(IEnumerable<(string Rule, int Start, int Length)> spans)
    {
        var merged = new List<(string Rule, int Start, int Length)>();
        foreach (var span in spans.OrderBy(s => s.Start).ThenByDescending(s => s.Length))
        {
            if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = (last.Rule, last.Start, Math.Max(last.Start + last.Length, span.Start + span.Length) - last.Start);
                continue;
            }

            merged.Add(span);
        }

        return merged;
    }
}
