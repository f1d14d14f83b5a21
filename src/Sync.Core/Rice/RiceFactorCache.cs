using System.Collections.Concurrent;

namespace Sync.Core.Rice;

/// <summary>
/// The factors of one <see cref="RiceRules"/> that repeat from issue to issue, so scoring a product's open issues does not
/// rebuild the same explanation strings each time. A factor is an immutable record, so one instance serves every issue
/// with the same input. Each method answers null when the case is not a cached one (then <see cref="RiceCalculator"/>
/// computes it as always); a cached factor is computed by that same code the first time, so the results are identical.
/// </summary>
internal sealed class RiceFactorCache(RiceRules rules)
{
    // Inputs are a product's label values, vote counts and weights: few distinct ones; the bound only guards oddities.
    private const int MaxEntries = 4096;

    private readonly KeyValuePair<string, double>[] _reachLabels = RiceCalculator.SortedReachLabels(rules.ReachLabels);
    private readonly ConcurrentDictionary<(int Voters, int Days), RiceFactor> _reach = new();
    private readonly ConcurrentDictionary<int, RiceFactor> _byWeight = new();
    private readonly RiceFactor _noEffort = new(null, rules.UseWeight ? $"no `{rules.EffortScope}::` label and no weight" : $"no `{rules.EffortScope}::` label");

    public ScopeFactors Impact { get; } = new(rules, rules.ImpactScope);

    public ScopeFactors Confidence { get; } = new(rules, rules.ConfidenceScope);

    public ScopeFactors EffortLabels { get; } = new(rules, rules.EffortScope);

    /// <summary>Reach when no reach label applies (the usual case): it depends on the voters and the window alone.</summary>
    public RiceFactor? Reach(IReadOnlyList<string> labels, int recentVoters, int windowDays)
    {
        foreach (var (label, _) in _reachLabels)
        {
            if (RiceCalculator.ContainsIgnoreCase(labels, label))
            {
                return null;
            }
        }

        // Non-negative numbers format the same in every culture (the text uses the current one, as it always did).
        if (recentVoters < 0 || windowDays < 0)
        {
            return null;
        }

        var key = (recentVoters, windowDays);
        if (_reach.TryGetValue(key, out var known))
        {
            return known;
        }

        var factor = new RiceFactor(
            recentVoters * rules.ReachPerVoter,
            $"{recentVoters} voter(s) in the last {windowDays} days × {RiceCalculator.Number(rules.ReachPerVoter)}");
        return _reach.Count < MaxEntries ? _reach.GetOrAdd(key, factor) : factor;
    }

    /// <summary>Effort from one effort label, or else from the weight, or the factor that says neither is there.</summary>
    public RiceFactor? Effort(IReadOnlyList<string> labels, int? weight, Func<IReadOnlyList<string>, RiceRules, RiceFactor> fromLabels)
    {
        switch (EffortLabels.Count(labels))
        {
            case ScopeCount.One:
                return EffortLabels.Of(labels, fromLabels);
            case ScopeCount.Many:
                return null;
        }

        if (!rules.UseWeight || weight is not { } w)
        {
            return _noEffort;
        }

        if (_byWeight.TryGetValue(w, out var known))
        {
            return known;
        }

        var factor = w > 0
            ? new RiceFactor(w * rules.MonthsPerWeight, $"issue weight {w} × {RiceCalculator.Number(rules.MonthsPerWeight)} person-month(s)")
            : new RiceFactor(null, "issue weight 0 is no effort estimate");
        return _byWeight.Count < MaxEntries ? _byWeight.GetOrAdd(w, factor) : factor;
    }

    internal enum ScopeCount
    {
        None,
        One,
        Many,
    }

    /// <summary>The factor of one label scope when an issue carries no value of it or exactly one (ignoring case).</summary>
    internal sealed class ScopeFactors(RiceRules rules, string scope)
    {
        private readonly ConcurrentDictionary<string, RiceFactor> _byValue = new(StringComparer.Ordinal);
        private RiceFactor? _absent;

        public RiceFactor? Of(IReadOnlyList<string> labels, Func<IReadOnlyList<string>, RiceRules, RiceFactor> compute)
        {
            var count = Count(labels, out var value);
            if (count == ScopeCount.None)
            {
                return _absent ??= compute(labels, rules);
            }

            if (count == ScopeCount.Many)
            {
                return null;
            }

            var lookup = _byValue.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var known))
            {
                return known;
            }

            var factor = compute(labels, rules);
            return _byValue.Count < MaxEntries ? _byValue.GetOrAdd(value.ToString(), factor) : factor;
        }

        public ScopeCount Count(IReadOnlyList<string> labels) => Count(labels, out _);

        /// <summary>How many distinct values (ignoring case) of the scope the labels carry: none, one (given) or more.</summary>
        private ScopeCount Count(IReadOnlyList<string> labels, out ReadOnlySpan<char> first)
        {
            first = default;
            var found = false;
            for (var i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (!RiceCalculator.IsInScope(label, scope))
                {
                    continue;
                }

                var value = label.AsSpan(scope.Length + 2).Trim();
                if (!found)
                {
                    first = value;
                    found = true;
                }
                else if (!value.Equals(first, StringComparison.OrdinalIgnoreCase))
                {
                    return ScopeCount.Many;
                }
            }

            return found ? ScopeCount.One : ScopeCount.None;
        }
    }
}
