using System.Globalization;

namespace Sync.Core.Rice;

/// <summary>Scores one issue from its labels, its GitLab weight and its recent voters. Pure.</summary>
/// <remarks>
/// When a human left two labels of one scope, the conservative one counts (the lowest impact and confidence, the
/// highest effort) and the breakdown says so: a typo must not inflate a score.
/// </remarks>
public static class RiceCalculator
{
    /// <param name="forumVotes">
    /// Votes a forum the issue came from knows only as a number (no voter, no date): each reaches like a recent voter
    /// while the forum still reports it, and the breakdown names them apart.
    /// </param>
    public static RiceScore Score(IReadOnlyList<string> labels, int? weight, int recentVoters, int windowDays, RiceRules rules, int forumVotes = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rules);
        var factors = Factors.GetValue(rules, static r => new RiceFactorCache(r));
        return new RiceScore(
            forumVotes > 0 ? Reach(labels, recentVoters, windowDays, rules, forumVotes)
                : factors.Reach(labels, recentVoters, windowDays) ?? Reach(labels, recentVoters, windowDays, rules),
            factors.Impact.Of(labels, ImpactOf) ?? ImpactOf(labels, rules),
            factors.Confidence.Of(labels, ConfidenceOf) ?? ConfidenceOf(labels, rules),
            factors.Effort(labels, weight, EffortOf) ?? Effort(labels, weight, rules));
    }

    // The factors of one rules instance that repeat from issue to issue (a product's pass scores every open issue, the
    // bench 100,000): rules are built from validated options and not changed afterwards.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RiceRules, RiceFactorCache> Factors = new();

    private static RiceFactor ImpactOf(IReadOnlyList<string> labels, RiceRules rules) =>
        Scaled(labels, rules.ImpactScope, rules.ImpactScaleOrDefault, whenAbsent: null, "no impact label");

    private static RiceFactor ConfidenceOf(IReadOnlyList<string> labels, RiceRules rules) =>
        Scaled(labels, rules.ConfidenceScope, rules.ConfidenceScaleOrDefault, rules.DefaultConfidence, "no confidence label, the default");

    private static RiceFactor EffortOf(IReadOnlyList<string> labels, RiceRules rules) => Effort(labels, weight: null, rules);

    private static RiceFactor Reach(IReadOnlyList<string> labels, int recentVoters, int windowDays, RiceRules rules, int forumVotes = 0)
    {
        var reach = (recentVoters + forumVotes) * rules.ReachPerVoter;
        var source = forumVotes > 0
            ? $"({recentVoters} voter(s) in the last {windowDays} days + {forumVotes} from the forum) × {Number(rules.ReachPerVoter)}"
            : $"{recentVoters} voter(s) in the last {windowDays} days × {Number(rules.ReachPerVoter)}";
        if (rules.ReachLabels.Count == 0)
        {
            return new RiceFactor(reach, source);
        }

        System.Text.StringBuilder? parts = null;
        foreach (var (label, add) in SortedReachLabels(rules.ReachLabels))
        {
            if (ContainsIgnoreCase(labels, label))
            {
                reach += add;
                (parts ??= new System.Text.StringBuilder(source)).Append(" + ").Append(Number(add)).Append(" for label `").Append(label).Append('`');
            }
        }

        return new RiceFactor(reach, parts?.ToString() ?? source);
    }

    /// <summary>The reach labels ordered by name, ignoring case; a stable sort, as LINQ's OrderBy is (the list is short).</summary>
    internal static KeyValuePair<string, double>[] SortedReachLabels(IReadOnlyDictionary<string, double> reachLabels)
    {
        var sorted = new KeyValuePair<string, double>[reachLabels.Count];
        var count = 0;
        foreach (var pair in reachLabels)
        {
            var at = count++;
            while (at > 0 && StringComparer.OrdinalIgnoreCase.Compare(sorted[at - 1].Key, pair.Key) > 0)
            {
                sorted[at] = sorted[at - 1];
                at--;
            }

            sorted[at] = pair;
        }

        return sorted;
    }

    internal static bool ContainsIgnoreCase(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static RiceFactor Scaled(
        IReadOnlyList<string> labels, string scope, IReadOnlyDictionary<string, double> scale, double? whenAbsent, string absent)
    {
        var values = ValuesOf(labels, scope);
        if (values.Count == 0)
        {
            return new RiceFactor(whenAbsent, whenAbsent is null ? absent : $"{absent} ({Number(whenAbsent.Value)})");
        }

        if (values.Count == 1)
        {
            // The common case: one label of the scope, no list or LINQ needed.
            var only = values[0];
            return Lookup(scale, only) is { } single
                ? new RiceFactor(single, $"label `{scope}::{only}`")
                : Unknown([$"`{scope}::{only}`"], scope, scale, whenAbsent);
        }

        var known = values
            .Select(v => (Value: v, Scaled: Lookup(scale, v)))
            .ToList();
        var unknown = known.Where(k => k.Scaled is null).Select(k => $"`{scope}::{k.Value}`").ToList();
        if (unknown.Count > 0)
        {
            return Unknown(unknown, scope, scale, whenAbsent);
        }

        var chosen = known.MinBy(k => k.Scaled!.Value);
        var source = $"label `{scope}::{chosen.Value}`";
        if (known.Count > 1)
        {
            source += $" (the lowest of {known.Count} {scope} labels)";
        }

        return new RiceFactor(chosen.Scaled, source);
    }

    private static RiceFactor Unknown(List<string> unknown, string scope, IReadOnlyDictionary<string, double> scale, double? whenAbsent)
    {
        var allowed = string.Join(", ", scale.Keys.Select(k => $"`{scope}::{k}`"));
        var fallback = whenAbsent is null ? string.Empty : $"; the default {Number(whenAbsent.Value)} counts";
        return new RiceFactor(whenAbsent, $"{string.Join(", ", unknown)} is not on the scale ({allowed}){fallback}");
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

    /// <summary>True when <paramref name="label"/> is <c>scope::value</c> (the scope compared ignoring case).</summary>
    internal static bool IsInScope(string label, string scope) =>
        label.Length >= scope.Length + 2
        && label[scope.Length] == ':' && label[scope.Length + 1] == ':'
        && label.AsSpan(0, scope.Length).Equals(scope, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The trimmed values of the labels <c>scope::value</c>, distinct ignoring case (the first spelling stays) and
    /// ordinal-sorted. Labels are scanned without LINQ or a prefix string: most issues carry one label of a scope or none.
    /// </summary>
    private static List<string> ValuesOf(IReadOnlyList<string> labels, string scope)
    {
        var values = new List<string>(0);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (!IsInScope(label, scope))
            {
                continue;
            }

            var value = label[(scope.Length + 2)..].Trim();
            if (!ContainsIgnoreCase(values, value))
            {
                values.Add(value);
            }
        }

        if (values.Count > 1)
        {
            // Stable, as Order() is; distinct ignoring case leaves no two ordinal-equal values anyway.
            values.Sort(StringComparer.Ordinal);
        }

        return values;
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
        if (number is null)
        {
            return null;
        }

        foreach (var (key, scaled) in scale)
        {
            if (ParsePositive(key) == number)
            {
                return scaled;
            }
        }

        return null;
    }

    private static double? ParsePositive(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : null;

    /// <summary>Invariant, at most two decimals, no trailing zeros: 0.5, 12, 38.4.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
