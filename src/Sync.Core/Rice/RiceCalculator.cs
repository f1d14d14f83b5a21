using System.Globalization;

namespace Sync.Core.Rice;

/// <summary>Scores one issue from its labels, its GitLab weight and its recent voters. Pure.</summary>
/// <remarks>
/// When a human left two labels of one scope, the conservative one counts (the lowest impact and confidence, the
/// highest effort) and the breakdown says so: a typo must not inflate a score.
/// </remarks>
public static class RiceCalculator
{
    public static RiceScore Score(IReadOnlyList<string> labels, int? weight, int recentVoters, int windowDays, RiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rules);
        return new RiceScore(
            Reach(labels, recentVoters, windowDays, rules),
            Scaled(labels, rules.ImpactScope, rules.ImpactScaleOrDefault, whenAbsent: null, "no impact label"),
            Scaled(labels, rules.ConfidenceScope, rules.ConfidenceScaleOrDefault, rules.DefaultConfidence, "no confidence label, the default"),
            Effort(labels, weight, rules));
    }

    private static RiceFactor Reach(IReadOnlyList<string> labels, int recentVoters, int windowDays, RiceRules rules)
    {
        var reach = recentVoters * rules.ReachPerVoter;
        var parts = new List<string> { $"{recentVoters} voter(s) in the last {windowDays} days × {Number(rules.ReachPerVoter)}" };
        foreach (var (label, add) in rules.ReachLabels.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                reach += add;
                parts.Add($"{Number(add)} for label `{label}`");
            }
        }

        return new RiceFactor(reach, string.Join(" + ", parts));
    }

    private static RiceFactor Scaled(
        IReadOnlyList<string> labels, string scope, IReadOnlyDictionary<string, double> scale, double? whenAbsent, string absent)
    {
        var values = ValuesOf(labels, scope);
        if (values.Count == 0)
        {
            return new RiceFactor(whenAbsent, whenAbsent is null ? absent : $"{absent} ({Number(whenAbsent.Value)})");
        }

        var known = values
            .Select(v => (Value: v, Scaled: Lookup(scale, v)))
            .ToList();
        var unknown = known.Where(k => k.Scaled is null).Select(k => $"`{scope}::{k.Value}`").ToList();
        if (unknown.Count > 0)
        {
            var allowed = string.Join(", ", scale.Keys.Select(k => $"`{scope}::{k}`"));
            var fallback = whenAbsent is null ? string.Empty : $"; the default {Number(whenAbsent.Value)} counts";
            return new RiceFactor(whenAbsent, $"{string.Join(", ", unknown)} is not on the scale ({allowed}){fallback}");
        }

        var chosen = known.MinBy(k => k.Scaled!.Value);
        var source = $"label `{scope}::{chosen.Value}`";
        if (known.Count > 1)
        {
            source += $" (the lowest of {known.Count} {scope} labels)";
        }

        return new RiceFactor(chosen.Scaled, source);
    }

    private static RiceFactor Effort(IReadOnlyList<string> labels, int? weight, RiceRules rules)
    {
        var values = ValuesOf(labels, rules.EffortScope);
        if (values.Count > 0)
        {
            var parsed = values.Select(v => (Value: v, Months: ParsePositive(v))).ToList();
            var bad = parsed.Where(p => p.Months is null).Select(p => $"`{rules.EffortScope}::{p.Value}`").ToList();
            if (bad.Count > 0)
            {
                return new RiceFactor(null, $"{string.Join(", ", bad)} is not a positive number of person-months");
            }

            var chosen = parsed.MaxBy(p => p.Months!.Value);
            var source = $"label `{rules.EffortScope}::{chosen.Value}`";
            if (parsed.Count > 1)
            {
                source += $" (the highest of {parsed.Count} {rules.EffortScope} labels)";
            }

            return new RiceFactor(chosen.Months, source);
        }

        if (rules.UseWeight && weight is { } w)
        {
            return w > 0
                ? new RiceFactor(w * rules.MonthsPerWeight, $"issue weight {w} × {Number(rules.MonthsPerWeight)} person-month(s)")
                : new RiceFactor(null, "issue weight 0 is no effort estimate");
        }

        return new RiceFactor(null, rules.UseWeight ? $"no `{rules.EffortScope}::` label and no weight" : $"no `{rules.EffortScope}::` label");
    }

    private static List<string> ValuesOf(IReadOnlyList<string> labels, string scope)
    {
        var prefix = scope + "::";
        return [.. labels
            .Where(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(l => l[prefix.Length..].Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }

    private static double? Lookup(IReadOnlyDictionary<string, double> scale, string value)
    {
        foreach (var (key, scaled) in scale)
        {
            if (string.Equals(key, value, StringComparison.OrdinalIgnoreCase))
            {
                return scaled;
            }
        }

        // "impact::0.50" and "impact::.5" mean the scale's 0.5.
        var number = ParsePositive(value);
        return number is null
            ? null
            : scale.Where(p => ParsePositive(p.Key) == number).Select(p => (double?)p.Value).FirstOrDefault();
    }

    private static double? ParsePositive(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : null;

    /// <summary>Invariant, at most two decimals, no trailing zeros: 0.5, 12, 38.4.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
