namespace Sync.Sandbox.Limits;

/// <summary>The most events inside any window of a given length, over every possible window start.</summary>
internal static class SlidingWindow
{
    /// <summary>
    /// Windows are half-open, [start, start + length): two events exactly one length apart are never in the same
    /// window, as with <see cref="FixedWindow"/>. The busiest window can always be taken to start at an event, so a
    /// two-pointer pass over the sorted times finds it.
    /// </summary>
    public static SandboxWindowPeak Peak(IReadOnlyList<DateTimeOffset> sortedTimes, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var best = new SandboxWindowPeak(0, null);
        var end = 0;
        for (var start = 0; start < sortedTimes.Count; start++)
        {
            end = Math.Max(end, start);
            while (end < sortedTimes.Count && sortedTimes[end] - sortedTimes[start] < length)
            {
                end++;
            }

            if (end - start > best.Count)
            {
                best = new SandboxWindowPeak(end - start, sortedTimes[start]);
            }
        }

        return best;
    }
}
