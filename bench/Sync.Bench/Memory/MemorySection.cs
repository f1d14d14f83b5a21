using System.Globalization;

namespace Sync.Bench.Memory;

/// <summary>
/// Section 5: resident memory of the production worker process (<c>Sync.Worker.dll</c>) through a sandbox sync and after
/// it, the emulated trackers running in a process of their own. The demo's in-process measurement (worker and emulator
/// in one process) is no longer run: it took as long again (about 4 minutes a run) and measured the emulator too.
/// </summary>
internal sealed class MemorySection : IBenchSection
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(10);

    // Issue 17's goals for the full size (2 × 10,000 issues); Tiny measures too little for a goal to mean anything.
    private const double PeakGoalMiB = 300;
    private const double IdleGoalMiB = 200;

    public string Key => "memory";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issues = options.Size == BenchSize.Full ? 10_000 : 200;
        var timeout = options.Size == BenchSize.Full ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(2);
        var idleWait = options.Size == BenchSize.Full ? IdleWait : TimeSpan.FromSeconds(2);
        var runs = new List<WorkerMemory>();
        for (var run = 1; run <= options.Runs; run++)
        {
            await options.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"memory: run {run}/{options.Runs}, Sync.Worker.dll against Sync.Sandbox.dll --issues {issues}"));
            runs.Add(await WorkerMemoryProbe.RunAsync(issues, idleWait, timeout, options.Log, cancellationToken));
        }

        var synced = WorkerMemoryProbe.Bulk.Length * issues;
        var peak = Stats.Median([.. runs.Select(r => r.PeakMiB)]);
        var startup = Stats.Median([.. runs.Select(r => r.StartupMiB)]);
        var idle = Stats.Median([.. runs.Select(r => r.IdleMiB)]);
        var seconds = Stats.Median([.. runs.Select(r => r.SyncTime.TotalSeconds)]);
        var sandboxPeak = Stats.Median([.. runs.Select(r => r.SandboxPeakMiB)]);
        var perThousand = runs.Select(r => (r.PeakMiB - r.StartupMiB) / (synced / 1000.0)).ToList();
        var idleShare = runs.Select(r => r.IdleMiB / r.PeakMiB).ToList();
        var failed = runs.SelectMany(r => r.Failed).Distinct(StringComparer.Ordinal).ToList();
        var failure = failed.Count == 0 ? string.Empty : $"; start-up run not successful for {string.Join(", ", failed)}";
        var idleNote = idleWait == IdleWait ? "10 s" : string.Create(CultureInfo.InvariantCulture, $"{idleWait.TotalSeconds:0} s");
        var full = options.Size == BenchSize.Full;
        var perThousandNote = string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(perThousand):0.0} MiB above start-up RSS ({MiB(startup)}, read at the dashboard line) per 1,000 issues synced ({synced:N0} in all)");
        return
        [
            new BenchRow(
                5,
                string.Create(CultureInfo.InvariantCulture, $"Worker peak RSS, full sync of {issues:N0} issues per project"),
                MiB(peak),
                $"goal {MiB(PeakGoalMiB)}",
                peak / PeakGoalMiB,
                full ? $"≤ {MiB(PeakGoalMiB)} (ratio ≤ 1)" : string.Empty,
                full ? peak <= PeakGoalMiB : null,
                string.Create(CultureInfo.InvariantCulture, $"{Missed(peak, PeakGoalMiB, full)}VmHWM of `dotnet Sync.Worker.dll` (the worker alone: the emulator runs as `dotnet Sync.Sandbox.dll --port 0 --issues {issues} --no-limits`, its own peak {MiB(sandboxPeak)} not counted) once a full resync of one product per acme/bulk (GitLab, GitHub: listing + votes, asked for from the dashboard) finished, {seconds:0} s after the worker started; ratio = peak ÷ goal; {perThousandNote}{failure}"),
                [.. runs.Select(r => r.PeakMiB / PeakGoalMiB)]),
            new BenchRow(
                5,
                "Worker idle RSS after the sync",
                MiB(idle),
                $"goal {MiB(IdleGoalMiB)}",
                idle / IdleGoalMiB,
                full ? $"≤ {MiB(IdleGoalMiB)} (ratio ≤ 1)" : string.Empty,
                full ? idle <= IdleGoalMiB : null,
                string.Create(CultureInfo.InvariantCulture, $"{Missed(idle, IdleGoalMiB, full)}VmRSS of the worker {idleNote} after the last run finished (every schedule off, so nothing runs meanwhile); ratio = idle ÷ goal; idle ÷ peak = {Stats.Median(idleShare):0.00}"),
                [.. runs.Select(r => r.IdleMiB / IdleGoalMiB)]),
        ];
    }

    private static string Missed(double measured, double goal, bool full) =>
        full && measured > goal ? string.Create(CultureInfo.InvariantCulture, $"Missed by {measured - goal:0} MiB. ") : string.Empty;

    private static string MiB(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0} MiB");
}
