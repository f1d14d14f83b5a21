namespace Sync.Bench.Ceilings;

/// <summary>
/// How much of a "<see cref="Limit"/> per <see cref="Window"/>" ceiling a run used. Measured over the whole windows
/// that fit between the first and the last write, counted from the first write: no pacing can put more than
/// <c>k × Limit</c> writes into <c>[first, first + k × Window)</c>, so that is the reference. The tail after the last
/// whole window is left out (it holds the remainder, however small), which is the "steady part" of the run.
/// </summary>
internal sealed record WindowUse(TimeSpan Window, int Limit, int Windows, int Writes)
{
    /// <summary>Writes per scaled minute in the measured windows.</summary>
    public double PerMinute => Windows == 0 ? double.NaN : Writes / (Windows * Window.TotalMinutes);

    /// <summary>The ceiling in writes per minute.</summary>
    public double CeilingPerMinute => Limit / Window.TotalMinutes;

    public double Ratio => Windows == 0 ? double.NaN : Writes / (double)(Windows * Limit);

    public static WindowUse Measure(IReadOnlyList<DateTimeOffset> writes, TimeSpan window, int limit)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return new WindowUse(window, limit, 0, 0);
        }

        var first = writes.Min();
        var windows = (int)((writes.Max() - first) / window);
        var end = first + window * windows;
        return new WindowUse(window, limit, windows, writes.Count(t => t < end));
    }
}
