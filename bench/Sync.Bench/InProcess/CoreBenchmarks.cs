using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Votes;

namespace Sync.Bench.InProcess;

/// <summary>
/// Whole passes of the core logic over <see cref="Issues"/> issues, each compared with a plain sort of a list of the
/// same length. Run by <see cref="InProcessSection"/>; the inputs are built once, outside the measurement.
/// </summary>
/// <remarks>
/// Public and not sealed: BenchmarkDotNet's analyzer (BDN1002) rejects a sealed benchmark class, because its runners
/// derive from it. Methods return a value so the JIT cannot drop the work.
/// </remarks>
[MemoryDiagnoser]
[SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet only runs instance methods.")]
public class CoreBenchmarks
{
    private static readonly RoadmapRules RoadmapRules = new();
    private static readonly RiceRules RiceRules = new() { ReachLabels = new Dictionary<string, double> { ["customer"] = 5, ["sales-request"] = 5 } };
    private static readonly RiceRules PercentileRules = RiceRules with { Mode = nameof(RiceBucketMode.Percentiles) };

    // Sort key of the baseline: the same "score, missing last" key the roadmap ranks by.
    private static readonly Comparison<RoadmapCandidate> ByScore = static (a, b) =>
        (b.RiceScore ?? double.NegativeInfinity).CompareTo(a.RiceScore ?? double.NegativeInfinity);

    private IReadOnlyList<BenchIssue> _issues = [];
    private IReadOnlyList<RoadmapCandidate> _candidates = [];
    private Dictionary<long, double?> _scores = [];

    /// <summary>Set by <see cref="InProcessSection"/> before BenchmarkDotNet runs (in this process), from the bench size.</summary>
    public static int IssueCount { get; set; } = 100_000;

    public static IEnumerable<int> IssueCounts => [IssueCount];

    [ParamsSource(nameof(IssueCounts))]
    public int Issues { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _issues = BenchInputs.Issues(Issues);
        _candidates = BenchInputs.Candidates(Issues);
        _scores = _issues.ToDictionary(
            i => i.Number,
            i => RiceCalculator.Score(i.Labels, i.Weight, i.RecentVoters, BenchInputs.VoteRules.WindowDays, RiceRules).Score);
    }

    /// <summary>A copy of the candidate list (a memory copy, small next to the sort) sorted by score, highest first.</summary>
    [Benchmark(Baseline = true, Description = "sort")]
    public RoadmapCandidate SortBaseline()
    {
        var copy = new List<RoadmapCandidate>(_candidates);
        copy.Sort(ByScore);
        return copy[0];
    }

    [Benchmark(Description = "vote tallies")]
    public int VoteTallies()
    {
        var voters = 0;
        foreach (var issue in _issues)
        {
            voters += VoteTally.Count(issue.Votes, BenchInputs.VoteRules, BenchInputs.Now).UniqueVoters;
        }

        return voters;
    }

    [Benchmark(Description = "RICE scores and percentile buckets")]
    public int RiceScoring()
    {
        var scores = new Dictionary<long, double?>(_issues.Count);
        foreach (var issue in _issues)
        {
            scores[issue.Number] = RiceCalculator.Score(issue.Labels, issue.Weight, issue.RecentVoters, BenchInputs.VoteRules.WindowDays, RiceRules).Score;
        }

        return RiceBuckets.Assign(scores, PercentileRules).Count;
    }

    [Benchmark(Description = "RICE percentile buckets alone")]
    public int RicePercentiles() => RiceBuckets.Assign(_scores, PercentileRules).Count;

    [Benchmark(Description = "roadmap build")]
    public int RoadmapBuild() =>
        RoadmapBuilder.Build("product", "gitlab:group/product", null, RoadmapRules, _candidates, BenchInputs.Milestones, BenchInputs.Now).Items.Count;
}
