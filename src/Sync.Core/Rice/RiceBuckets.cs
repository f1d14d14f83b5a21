namespace Sync.Core.Rice;

/// <summary>Turns the scores of a product's open issues into buckets. Pure and deterministic.</summary>
public static class RiceBuckets
{
    public static string ValueOf(RiceBucket bucket) => bucket switch
    {
        RiceBucket.Top => "top",
        RiceBucket.High => "high",
        RiceBucket.Medium => "medium",
        RiceBucket.Low => "low",
        RiceBucket.NeedsInput => "needs-input",
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
    };

    /// <summary>
    /// Bucket per issue number. Issues without a score need input. A score of zero (or less) is low in both modes: it
    /// says nobody asked for the issue recently or it has no impact, so no cut-off (a threshold of 0, or a rank among
    /// equally unasked-for issues) may lift it. In percentiles mode only the scores above zero are ranked (highest
    /// first) and counted; equal scores share the rank of the first of them, so ties always land in one bucket.
    /// </summary>
    public static IReadOnlyDictionary<long, RiceBucket> Assign(IReadOnlyDictionary<long, double?> scores, RiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(rules);
        var result = new Dictionary<long, RiceBucket>(scores.Count);
        var scored = new (long Number, double Score)[scores.Count];
        var count = 0;
        foreach (var (number, score) in scores)
        {
            if (score is not { } value)
            {
                result[number] = RiceBucket.NeedsInput;
            }
            else if (!(value > 0))
            {
                // Also NaN: never ranked, never above low.
                result[number] = RiceBucket.Low;
            }
            else
            {
                scored[count++] = (number, value);
            }
        }

        // Highest score first, then the lower number: numbers are distinct keys, so the order is total and an unstable
        // sort gives what LINQ's stable two-key sort gave.
        var ranked = scored.AsSpan(0, count);
        ranked.Sort(default(HighestFirst));

        if (rules.BucketMode == RiceBucketMode.Thresholds)
        {
            foreach (var (number, score) in ranked)
            {
                result[number] = ByThreshold(score, rules.Thresholds);
            }

            return result;
        }

        var rank = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            if (i == 0 || ranked[i].Score != ranked[i - 1].Score)
            {
                rank = i;
            }

            result[ranked[i].Number] = ByPercentile(rank, ranked.Length, rules.Percentiles);
        }

        return result;
    }

    private static RiceBucket ByThreshold(double score, RiceCutoffs cutoffs) =>
        score >= cutoffs.Top ? RiceBucket.Top
        : score >= cutoffs.High ? RiceBucket.High
        : score >= cutoffs.Medium ? RiceBucket.Medium
        : RiceBucket.Low;

    // Rank r (0-based) of n is in the top p % when r < n × p / 100: with n = 10 and 10/30/60 that is 1 top, 2 high,
    // 3 medium and 4 low; a single issue is top.
    private static RiceBucket ByPercentile(int rank, int count, RiceCutoffs cutoffs) =>
        rank < count * cutoffs.Top / 100 ? RiceBucket.Top
        : rank < count * cutoffs.High / 100 ? RiceBucket.High
        : rank < count * cutoffs.Medium / 100 ? RiceBucket.Medium
        : RiceBucket.Low;

    private readonly struct HighestFirst : IComparer<(long Number, double Score)>
    {
        public int Compare((long Number, double Score) x, (long Number, double Score) y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Number.CompareTo(y.Number);
        }
    }
}
