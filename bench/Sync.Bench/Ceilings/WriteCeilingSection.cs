using System.Globalization;
using Sync.Bench.Moves;

namespace Sync.Bench.Ceilings;

/// <summary>
/// Section 2: a bulk move into a sandbox that enforces the trackers' secondary write limits, on a clock scaled so
/// hours of windows pass in minutes, with IssueSync's default pacing. Measured on the target: the binding ceiling's
/// use, limit answers that reached IssueSync, and that every issue arrived exactly once with its comments.
/// </summary>
internal sealed class WriteCeilingSection : IBenchSection
{
    private const int Comments = 3;

    public string Key => "ceilings";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issues = options.Size == BenchSize.Full ? 1_000 : 40;
        var rows = new List<BenchRow>();
        foreach (var direction in MoveDirections.All)
        {
            var runs = new List<CeilingRun>();
            for (var run = 0; run < options.Runs; run++)
            {
                var result = await RunOnceAsync(direction, issues, options.Size, cancellationToken);
                await options.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {direction.Describe()} run {run + 1}: {result.Summary}"));
                runs.Add(result);
            }

            rows.Add(Row(direction, issues, runs));
        }

        return rows;
    }

    /// <summary>
    /// Scale factors. GitHub's 500/h binds: 1,000 issues × 4 target writes take about 7 h 20 min of windows (÷150 ≈ 3
    /// real minutes). GitLab's 60 notes/min binds: 3,000 notes take about 50 min, i.e. 3 s per issue — and the
    /// factor also stretches IssueSync's own real time per issue (~40 ms idle, ~190 ms on this busy 2-core
    /// machine: SQLite ledger and audit writes, planning, 7 requests), so at ×20 the move itself, not the pacing,
    /// set the pace (0.86 measured); ×10 keeps it under the 3 s (≈ 5 real minutes). Tiny runs use low factors:
    /// their writes are a second apart, and real overheads grow with the factor.
    /// </summary>
    private static double FactorFor(MoveDirection direction, BenchSize size) => (direction, size) switch
    {
        (MoveDirection.GitLabToGitHub, BenchSize.Full) => 150,
        (MoveDirection.GitLabToGitHub, _) => 10,
        (_, BenchSize.Full) => 10,
        _ => 20,
    };

    private static async Task<CeilingRun> RunOnceAsync(MoveDirection direction, int issues, BenchSize size, CancellationToken cancellationToken)
    {
        var time = new ScaledTimeProvider(FactorFor(direction, size));
        await using var harness = await MoveBenchHarness.StartAsync(
            new MoveBenchSetup(direction, issues, Comments, time, EnforceRateLimits: true, Unpaced: false), cancellationToken);
        var started = time.GetUtcNow();
        var result = await harness.RunAsync(cancellationToken);
        var scaled = time.GetUtcNow() - started;

        var targetIssues = harness.Target.Issues(MoveBenchHarness.TargetPath);
        var issueTimes = targetIssues.Select(i => i.CreatedAt).ToList();
        var noteTimes = targetIssues.SelectMany(i => i.Notes).Where(n => !n.System).Select(n => n.CreatedAt).ToList();
        var limits = harness.Sandbox.Control.Limits;
        WindowUse binding;
        WindowUse? other = null;
        if (direction == MoveDirection.GitLabToGitHub)
        {
            // Every content-creating request counts against the same ceilings: issues and comments together.
            var writes = issueTimes.Concat(noteTimes).ToList();
            binding = WindowUse.Measure(writes, TimeSpan.FromHours(1), limits.GitHubContentCreatesPerHour);
            if (binding.Windows == 0)
            {
                // Shorter than an hour (tiny): the minute ceiling is 80, but writes one at a time 1 s apart (GitHub's
                // guidance, IssueSync's default) cannot exceed 60 a minute, so that is the rate to compare with.
                binding = WindowUse.Measure(writes, TimeSpan.FromMinutes(1), Math.Min(limits.GitHubContentCreatesPerMinute, 60));
            }
        }
        else
        {
            binding = WindowUse.Measure(noteTimes, TimeSpan.FromMinutes(1), limits.GitLabNoteCreatesPerMinute);
            other = WindowUse.Measure(issueTimes, TimeSpan.FromMinutes(1), limits.GitLabIssueCreatesPerMinute);
        }

        var duplicates = targetIssues.Count - targetIssues.Select(i => i.Title).Distinct(StringComparer.Ordinal).Count();
        return new CeilingRun(result, binding, other, targetIssues.Count, noteTimes.Count, duplicates, scaled, time.Factor);
    }

    private static BenchRow Row(MoveDirection direction, int issues, IReadOnlyList<CeilingRun> runs)
    {
        var samples = runs.Select(r => r.Binding.Ratio).ToList();
        var ratio = Stats.Median(samples);
        var typical = runs.OrderBy(r => Math.Abs(r.Binding.Ratio - ratio)).First();
        var limitErrors = runs.Max(r => r.Move.LimitErrors);
        var exactlyOnce = runs.All(r => r.TargetIssues == issues && r.TargetComments == issues * Comments && r.Duplicates == 0 && r.Move.Failed == 0);
        var use = typical.Binding;
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{use.PerMinute:0.##} writes/min; {limitErrors} limit errors; {typical.TargetIssues}/{issues} issues, {typical.TargetComments}/{issues * Comments} comments");
        var reference = string.Create(CultureInfo.InvariantCulture, $"ceiling {use.CeilingPerMinute:0.##}/min ({use.Limit}/{Unit(use.Window)})");
        var note = string.Create(CultureInfo.InvariantCulture, $"{issues} issues × {Comments} comments, ") + direction switch
        {
            MoveDirection.GitLabToGitHub when use.Window == TimeSpan.FromHours(1) => string.Create(CultureInfo.InvariantCulture,
                $"every issue and comment is a content-creating write on GitHub; binding: 500/h (8.33/min) once the hour window is full — the 80/min ceiling only shapes the first ~8 min of each hour. Counted: {use.Writes} writes in the first {use.Windows} whole hours from the first write (most possible {use.Windows * use.Limit}); the last partial hour is left out. "),
            MoveDirection.GitLabToGitHub => string.Create(CultureInfo.InvariantCulture,
                $"run shorter than an hour, so the 500/h ceiling never fills; compared with 60/min: the 80/min ceiling, capped by serial writes 1 s apart. Counted: {use.Writes} writes in {use.Windows} whole minute(s) from the first write. "),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"binding: notes 60/min (3 per issue); issue creates ran at {typical.Other!.PerMinute:0.#}/min of 200/min (ratio {typical.Other.Ratio:0.###}), held back by the notes. Counted: {use.Writes} notes in {use.Windows} whole minutes from the first note. "),
        } + string.Create(CultureInfo.InvariantCulture,
            $"Clock ×{typical.Factor:0}: {typical.Scaled.TotalMinutes:0} scaled min in {typical.Move.Wall.TotalSeconds:0} s. Limit errors = 403/429 answers counted by IssueSync's RequestCounter (retries included).");
        if (!exactlyOnce)
        {
            note += " Not every issue arrived exactly once with its comments (see counts).";
        }

        return new BenchRow(
            2,
            $"{direction.Describe()}: bulk move, writes vs ceiling",
            measured,
            reference,
            ratio,
            "≥ 0.95, 0 limit errors",
            ratio >= 0.95 && limitErrors == 0 && exactlyOnce,
            note,
            samples);
    }

    private static string Unit(TimeSpan window) => window == TimeSpan.FromHours(1) ? "h" : "min";

    private sealed record CeilingRun(
        MoveBenchResult Move, WindowUse Binding, WindowUse? Other, int TargetIssues, int TargetComments, int Duplicates, TimeSpan Scaled, double Factor)
    {
        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"{Move.Moved} moved, {Move.Failed} failed, {TargetIssues} target issues, {TargetComments} comments, {Move.LimitErrors} limit errors ({Move.LimitErrorDetail}), ratio {Binding.Ratio:0.###} ({Binding.Writes} in {Binding.Windows} × {Binding.Limit}/{Binding.Window.TotalMinutes:0} min), {Scaled.TotalMinutes:0.#} scaled min, {Move.Wall.TotalSeconds:0.#} s");
    }
}
