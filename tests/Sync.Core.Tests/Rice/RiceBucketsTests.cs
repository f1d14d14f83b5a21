using Sync.Core.Rice;

namespace Sync.Core.Tests.Rice;

public sealed class RiceBucketsTests
{
    private static readonly RiceRules Thresholds = new();
    private static readonly RiceRules Percentiles = new() { Mode = nameof(RiceBucketMode.Percentiles) };

    private static RiceBucket One(double? score, RiceRules rules) =>
        RiceBuckets.Assign(new Dictionary<long, double?> { [1] = score }, rules)[1];

    [Theory]
    [InlineData(1000, RiceBucket.Top)]
    [InlineData(50, RiceBucket.Top)]
    [InlineData(49.99, RiceBucket.High)]
    [InlineData(20, RiceBucket.High)]
    [InlineData(19.99, RiceBucket.Medium)]
    [InlineData(5, RiceBucket.Medium)]
    [InlineData(4.99, RiceBucket.Low)]
    [InlineData(0, RiceBucket.Low)]
    public void Assign_Thresholds_ScoreAtOrAboveCutOffGetsThatBucket(double score, RiceBucket expected) =>
        Assert.Equal(expected, One(score, Thresholds));

    [Fact]
    public void Assign_CustomThresholds_AreUsed()
    {
        var rules = new RiceRules { Thresholds = new RiceCutoffs(Top: 10, High: 3, Medium: 1) };

        var buckets = RiceBuckets.Assign(new Dictionary<long, double?> { [1] = 10, [2] = 9.9, [3] = 3, [4] = 1, [5] = 0.9 }, rules);

        Assert.Equal(RiceBucket.Top, buckets[1]);
        Assert.Equal(RiceBucket.High, buckets[2]);
        Assert.Equal(RiceBucket.High, buckets[3]);
        Assert.Equal(RiceBucket.Medium, buckets[4]);
        Assert.Equal(RiceBucket.Low, buckets[5]);
    }

    [Theory]
    [InlineData(RiceBucketMode.Thresholds)]
    [InlineData(RiceBucketMode.Percentiles)]
    public void Assign_WithoutScore_NeedsInput(RiceBucketMode mode)
    {
        var buckets = RiceBuckets.Assign(new Dictionary<long, double?> { [1] = null, [2] = 60 }, new RiceRules { Mode = mode.ToString() });

        Assert.Equal(RiceBucket.NeedsInput, buckets[1]);
        Assert.Equal(RiceBucket.Top, buckets[2]);
        Assert.Equal(2, buckets.Count);
    }

    [Fact]
    public void Assign_Percentiles_TenDistinctScoresSplitOneTwoThreeFour()
    {
        var scores = Enumerable.Range(1, 10).ToDictionary(i => (long)i, i => (double?)(i * 10));

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal(RiceBucket.Top, buckets[10]);
        Assert.Equal([9L, 8L], Numbers(buckets, RiceBucket.High));
        Assert.Equal([7L, 6L, 5L], Numbers(buckets, RiceBucket.Medium));
        Assert.Equal([4L, 3L, 2L, 1L], Numbers(buckets, RiceBucket.Low));
        Assert.Equal([10L], Numbers(buckets, RiceBucket.Top));
    }

    [Fact]
    public void Assign_Percentiles_TieStraddlingACut_SharesTheBucketOfTheFirst()
    {
        // Ranked: 100, 90, 80, 80, 70 … — the two 80s sit at ranks 2 and 3, across the high/medium cut (3 of 10).
        var scores = new Dictionary<long, double?>
        {
            [1] = 100, [2] = 90, [3] = 80, [4] = 80, [5] = 70, [6] = 60, [7] = 50, [8] = 40, [9] = 30, [10] = 20,
        };

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal(RiceBucket.Top, buckets[1]);
        Assert.Equal(RiceBucket.High, buckets[2]);
        Assert.Equal(RiceBucket.High, buckets[3]);
        Assert.Equal(RiceBucket.High, buckets[4]);
        Assert.Equal(RiceBucket.Medium, buckets[5]);
        Assert.Equal(RiceBucket.Medium, buckets[6]);
        Assert.Equal(RiceBucket.Low, buckets[7]);
    }

    [Fact]
    public void Assign_Percentiles_AllEqualScores_AreAllTop()
    {
        var scores = Enumerable.Range(1, 5).ToDictionary(i => (long)i, _ => (double?)7);

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.All(buckets.Values, b => Assert.Equal(RiceBucket.Top, b));
    }

    [Fact]
    public void Assign_Percentiles_SingleScoredIssue_IsTop() =>
        Assert.Equal(RiceBucket.Top, One(0.01, Percentiles));

    [Fact]
    public void Assign_Percentiles_NeedsInputIssuesDoNotCountInN()
    {
        // Two scored issues and eight without a score: with n = 2 the second is rank 1, not below 2 × 30 % = 0.6,
        // nor 2 × 60 % = 1.2 → medium. Were the eight counted, n = 10 would make it high.
        var scores = new Dictionary<long, double?> { [1] = 10, [2] = 5 };
        for (var i = 3; i <= 10; i++)
        {
            scores[i] = null;
        }

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal(RiceBucket.Top, buckets[1]);
        Assert.Equal(RiceBucket.Medium, buckets[2]);
        Assert.Equal(8, buckets.Values.Count(b => b == RiceBucket.NeedsInput));
    }

    [Fact]
    public void Assign_Percentiles_CustomCutOffs_AreUsed()
    {
        var rules = new RiceRules { Mode = nameof(RiceBucketMode.Percentiles), Percentiles = new RiceCutoffs(Top: 50, High: 50, Medium: 100) };
        var scores = Enumerable.Range(1, 4).ToDictionary(i => (long)i, i => (double?)i);

        var buckets = RiceBuckets.Assign(scores, rules);

        Assert.Equal([4L, 3L], Numbers(buckets, RiceBucket.Top));
        Assert.Empty(Numbers(buckets, RiceBucket.High));
        Assert.Equal([2L, 1L], Numbers(buckets, RiceBucket.Medium));
    }

    [Fact]
    public void Assign_SameScoresInAnotherOrderAndNumbering_GivesTheSameBuckets()
    {
        double?[] values = [40, 10, 40, 25, null, 25, 5, 40, 1, 12];
        var forward = new Dictionary<long, double?>();
        var backward = new Dictionary<long, double?>();
        for (var i = 0; i < values.Length; i++)
        {
            forward[i + 1] = values[i];
        }

        for (var i = values.Length - 1; i >= 0; i--)
        {
            backward[i + 1] = values[i];
        }

        var a = RiceBuckets.Assign(forward, Percentiles);
        var b = RiceBuckets.Assign(backward, Percentiles);

        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
        // The three 40s are ranked 0, 1, 2 by issue number but all share rank 0.
        Assert.Equal([1L, 3L, 8L], Numbers(a, RiceBucket.Top).Order().ToArray());
    }

    [Theory]
    [InlineData(RiceBucketMode.Thresholds)]
    [InlineData(RiceBucketMode.Percentiles)]
    public void Assign_AllZeroScores_AreAllLow(RiceBucketMode mode)
    {
        // The demo's case: every vote is older than the window, so every reach and every score is 0.
        var scores = Enumerable.Range(1, 6).ToDictionary(i => (long)i, _ => (double?)0);

        var buckets = RiceBuckets.Assign(scores, new RiceRules { Mode = mode.ToString() });

        Assert.Equal(6, buckets.Count);
        Assert.All(buckets.Values, b => Assert.Equal(RiceBucket.Low, b));
    }

    [Fact]
    public void Assign_Percentiles_MixOfZeroAndPositive_RanksOnlyThePositiveOnes()
    {
        // Ten positive scores split 1/2/3/4 exactly as without the zeros; were the five zeros ranked (n = 15), 1 of 15
        // would be top (rank < 1.5 → two issues) and the split would move.
        var scores = Enumerable.Range(1, 10).ToDictionary(i => (long)i, i => (double?)(i * 10));
        for (var i = 11; i <= 15; i++)
        {
            scores[i] = 0;
        }

        scores[16] = null;

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal([10L], Numbers(buckets, RiceBucket.Top));
        Assert.Equal([9L, 8L], Numbers(buckets, RiceBucket.High));
        Assert.Equal([7L, 6L, 5L], Numbers(buckets, RiceBucket.Medium));
        Assert.Equal([15L, 14L, 13L, 12L, 11L, 4L, 3L, 2L, 1L], Numbers(buckets, RiceBucket.Low));
        Assert.Equal(RiceBucket.NeedsInput, buckets[16]);
    }

    [Fact]
    public void Assign_Percentiles_OnePositiveAmongZeros_IsTopAndTheZerosLow()
    {
        var scores = new Dictionary<long, double?> { [1] = 0, [2] = 0.5, [3] = 0, [4] = 0 };

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal(RiceBucket.Top, buckets[2]);
        Assert.Equal([4L, 3L, 1L], Numbers(buckets, RiceBucket.Low));
    }

    [Fact]
    public void Assign_Percentiles_TiesAtZero_AreLowWhateverTheirNumbers()
    {
        // Before: equal scores shared the rank of the first, so two zeros at the top of a zero-only ranking were top.
        var scores = new Dictionary<long, double?> { [7] = 0, [3] = 0, [5] = 2, [9] = 2 };

        var buckets = RiceBuckets.Assign(scores, Percentiles);

        Assert.Equal([9L, 5L], Numbers(buckets, RiceBucket.Top));
        Assert.Equal([7L, 3L], Numbers(buckets, RiceBucket.Low));
    }

    [Fact]
    public void Assign_Thresholds_ZeroMediumCutOff_StillLeavesZeroLow()
    {
        var rules = new RiceRules { Thresholds = new RiceCutoffs(Top: 10, High: 1, Medium: 0) };

        var buckets = RiceBuckets.Assign(new Dictionary<long, double?> { [1] = 0, [2] = 0.01 }, rules);

        Assert.Equal(RiceBucket.Low, buckets[1]);
        Assert.Equal(RiceBucket.Medium, buckets[2]);
    }

    [Theory]
    [InlineData(RiceBucket.Top, "top")]
    [InlineData(RiceBucket.High, "high")]
    [InlineData(RiceBucket.Medium, "medium")]
    [InlineData(RiceBucket.Low, "low")]
    [InlineData(RiceBucket.NeedsInput, "needs-input")]
    public void ValueOf_EachBucket_IsItsLabelValue(RiceBucket bucket, string expected) =>
        Assert.Equal(expected, RiceBuckets.ValueOf(bucket));

    private static long[] Numbers(IReadOnlyDictionary<long, RiceBucket> buckets, RiceBucket bucket) =>
        [.. buckets.Where(p => p.Value == bucket).OrderByDescending(p => p.Key).Select(p => p.Key)];
}
