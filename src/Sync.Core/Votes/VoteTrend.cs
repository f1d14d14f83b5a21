using Sync.Core.Storage;

namespace Sync.Core.Votes;

/// <summary>How demand moved over a period.</summary>
public sealed record VoteChange(int Up, double Weighted)
{
    public static readonly VoteChange None = new(0, 0);
}

public static class VoteTrend
{
    /// <summary>
    /// <paramref name="current"/> minus the latest snapshot taken at or before <c>now - days</c>.
    /// With no snapshot that old the change is zero: a first sighting is not a surge.
    /// </summary>
    /// <param name="history">Snapshots of this one issue, in any order.</param>
    public static VoteChange Change(IReadOnlyList<VoteSnapshot> history, DemandSignal current, DateTimeOffset now, int days)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var cutoff = now.AddDays(-days);
        var baseline = history.Where(s => s.TakenAt <= cutoff).MaxBy(s => s.TakenAt);
        return baseline is null
            ? VoteChange.None
            : new VoteChange(current.Up - baseline.Up, current.Weighted - baseline.Weighted);
    }
}
