using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>Where a move reads and writes, and under which rules.</summary>
/// <param name="Product">Product key (the ledger and audit log are keyed by it).</param>
/// <param name="Source">The private project the issue lives in.</param>
/// <param name="DryRun">Read as usual, write nothing (trackers, ledger, audit); journal what would be written.</param>
/// <param name="Writes">Every tracker write made (or, in a dry run, that would be made).</param>
public sealed record MoveContext(
    string Product,
    ProjectRef Source,
    ITrackerClient SourceClient,
    ITrackerClient TargetClient,
    IMoveLedger Ledger,
    IAuditLog Audit,
    TimeProvider Time,
    MoveRules Rules,
    bool DryRun,
    IWriteJournal Writes)
{
    /// <summary>
    /// The source issue as just listed, when the caller has it: saves a read before closing or labelling.
    /// Null makes the executor fetch it (a resumed move must not trust a stale state).
    /// </summary>
    public TrackerIssue? SourceIssue { get; init; }

    /// <summary>
    /// The source comments as listed for planning, when the caller has them: a "Moved to" notice posted by an
    /// earlier, interrupted run is among them, so the executor need not list them again. Null makes it list them.
    /// </summary>
    public IReadOnlyList<TrackerComment>? SourceComments { get; init; }

    /// <summary>
    /// Target labels and milestones shared by the moves of one run, so each is listed once per run rather than once
    /// per moved issue. Null makes every move list them itself.
    /// </summary>
    public MoveTargetCache? TargetCache { get; init; }
}

/// <summary>What one run learned about the target project (labels and milestones), kept up to date as it creates them.</summary>
public sealed class MoveTargetCache
{
    internal Dictionary<string, string>? Labels { get; set; }

    internal List<TrackerMilestone>? Milestones { get; set; }
}
