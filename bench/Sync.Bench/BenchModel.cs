namespace Sync.Bench;

/// <summary>How big a bench run is: <see cref="Full"/> is what the README's numbers come from; <see cref="Tiny"/> only proves the command works.</summary>
internal enum BenchSize
{
    Tiny,
    Full,
}

/// <param name="Size">Scale of the run.</param>
/// <param name="Runs">Repetitions per measurement; the report shows the median.</param>
internal sealed record BenchOptions(BenchSize Size, int Runs, IReadOnlySet<string> Only, TextWriter Log);

/// <summary>
/// One line of the results table. <paramref name="Ratio"/> is the number the section is about (requests used ÷ the
/// minimum, achieved rate ÷ ceiling, time ÷ ideal, ...), as a median of <paramref name="Samples"/>.
/// </summary>
/// <param name="Section">1 to 5, as numbered in docs/benchmarks.md.</param>
/// <param name="Name">What was measured, e.g. "GitLab: idle resync".</param>
/// <param name="Measured">The measured value in words with its unit, e.g. "1 request", "7.9 writes/min".</param>
/// <param name="Reference">What it is compared with, e.g. "minimum 1", "ceiling 8.33/min".</param>
/// <param name="Goal">The goal, e.g. "= 1", "≥ 0.95", or empty.</param>
/// <param name="Met">Whether the goal was met; null when there is no goal.</param>
/// <param name="Note">Why a goal is missed, or what the number means.</param>
internal sealed record BenchRow(
    int Section,
    string Name,
    string Measured,
    string Reference,
    double Ratio,
    string Goal,
    bool? Met,
    string Note,
    IReadOnlyList<double> Samples);

/// <summary>One section of the bench (request efficiency, write ceilings, latency, in-process, memory).</summary>
internal interface IBenchSection
{
    /// <summary>Short key for <c>--only</c> (e.g. <c>requests</c>, <c>ceilings</c>, <c>latency</c>, <c>inproc</c>, <c>memory</c>).</summary>
    string Key { get; }

    Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}

internal static class Stats
{
    /// <summary>Median of the samples (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
