using System.Globalization;
using Sync.Bench.Moves;

namespace Sync.Bench.Latency;

/// <summary>
/// Section 3: the bulk move with 50 ms added to every sandbox request (real time), write ceilings lifted and limits
/// not enforced, so what remains is latency handling: wall time against the requests IssueSync made times 50 ms.
/// </summary>
internal sealed class LatencySection : IBenchSection
{
    private const int LatencyMs = 50;
    private const int Comments = 3;

    /// <summary>Moves are sequential by design (exactly-once: each write is recorded before the next), so one request at a time.</summary>
    private const int Concurrency = 1;

    public string Key => "latency";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issues = options.Size == BenchSize.Full ? 200 : 10;
        var rows = new List<BenchRow>();
        foreach (var direction in MoveDirections.All)
        {
            var runs = new List<(MoveBenchResult Move, int TargetIssues, double Ratio)>();
            for (var run = 0; run < options.Runs; run++)
            {
                await using var harness = await MoveBenchHarness.StartAsync(
                    new MoveBenchSetup(direction, issues, Comments, TimeProvider.System, EnforceRateLimits: false, Unpaced: true), cancellationToken);
                harness.Sandbox.Control.LatencyMs = LatencyMs;
                var move = await harness.RunAsync(cancellationToken);
                var ideal = TimeSpan.FromMilliseconds(move.Requests.Total * (double)LatencyMs / Concurrency);
                var targetIssues = harness.Target.Issues(MoveBenchHarness.TargetPath).Count;
                runs.Add((move, targetIssues, move.Wall / ideal));
                await options.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {direction.Describe()} run {run + 1}: {move.Moved} moved, {move.Requests.Total} requests, {move.Wall.TotalSeconds:0.0} s, ratio {move.Wall / ideal:0.###}"));
            }

            var samples = runs.Select(r => r.Ratio).ToList();
            var ratio = Stats.Median(samples);
            var typical = runs.OrderBy(r => Math.Abs(r.Ratio - ratio)).First();
            var requests = typical.Move.Requests.Total;
            var allMoved = runs.All(r => r.TargetIssues == issues && r.Move.Failed == 0);
            var why = options.Size == BenchSize.Full ? " (not 1,000: at ~8 requests × 50 ms per issue that is ~7 min per run)" : string.Empty;
            var perIssue = requests / (double)issues;
            var note = string.Create(CultureInfo.InvariantCulture,
                $"{issues} issues × {Comments} comments{why}; {perIssue:0.#} requests per issue. Ideal = requests × {LatencyMs} ms ÷ {Concurrency}: a move's reads and writes are sequential by design (each write is recorded in the ledger before the next, for exactly-once), so nothing can overlap; the ratio's excess over 1 is IssueSync's own time (planning, SQLite ledger and audit writes, HTTP handlers) plus the sandbox's. Write ceilings and GitHub's 1 s write spacing lifted, limits not enforced.");
            if (!allMoved)
            {
                note += " Not every issue was moved (see log).";
            }

            rows.Add(new BenchRow(
                3,
                $"{direction.Describe()}: bulk move, 50 ms per request",
                string.Create(CultureInfo.InvariantCulture, $"{typical.Move.Wall.TotalSeconds:0.0} s for {requests} requests"),
                string.Create(CultureInfo.InvariantCulture, $"ideal {requests * LatencyMs / 1000.0 / Concurrency:0.0} s ({requests} × {LatencyMs} ms ÷ {Concurrency})"),
                ratio,
                "≤ 1.1",
                ratio <= 1.1 && allMoved,
                note,
                samples));
        }

        return rows;
    }
}
