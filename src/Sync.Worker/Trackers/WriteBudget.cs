namespace Sync.Worker.Trackers;

/// <summary>One ceiling a write counts against: at most <see cref="Limit"/> writes inside any <see cref="Length"/> (0 disables it).</summary>
/// <param name="Name">Stable name: a shared budget keys its stored stamps by it.</param>
internal sealed record WriteWindow(string Name, int Limit, TimeSpan Length);

/// <summary>A budget's answer: a slot taken, or how long to wait before asking again.</summary>
internal readonly record struct WriteTake(IWriteSlot? Slot, TimeSpan Wait);

/// <summary>
/// The state behind one <see cref="WritePacer"/>: recent write stamps per window, the end of the last serial
/// write and, when shared, whose turn it is. The pacer decides which windows a request counts against and waits;
/// the budget only answers whether a write may go now. In memory per tracker (<see cref="InMemoryWriteBudget"/>),
/// or in PostgreSQL per tracker token so that replicas stay inside one ceiling together.
/// </summary>
internal interface IWriteBudget : IDisposable
{
    /// <summary>
    /// Takes a slot in every window of <paramref name="windows"/> and, when <paramref name="serialGap"/> is set, the
    /// serial turn (which also waits for that gap after the previous serial write's response), if all allow a write now.
    /// </summary>
    ValueTask<WriteTake> TryTakeAsync(IReadOnlyList<WriteWindow> windows, TimeSpan? serialGap, CancellationToken cancellationToken);
}

/// <summary>A taken slot. Released once, when the write's response arrived: the slot is re-stamped and the serial turn ends.</summary>
internal interface IWriteSlot
{
    ValueTask ReleaseAsync();
}

/// <summary>
/// Write budgets shared per tracker token by every replica on one database. Registered only when replicas can
/// exist (PostgreSQL is configured); without it each tracker paces in memory.
/// </summary>
internal interface ISharedWriteBudgets
{
    IWriteBudget For(string trackerName, TokenKey token);
}
