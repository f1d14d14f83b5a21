namespace Sync.Core.Storage;

/// <summary>Where the run of a pending trigger stands.</summary>
public enum TriggerState
{
    /// <summary>A run is enqueued for it (or is being enqueued: <see cref="TriggerRun.Job"/> is null or a placeholder).</summary>
    Queued = 0,

    /// <summary>Its run found the product busy; the run holding the product wakes it when it ends.</summary>
    Waiting = 1,
}

/// <summary>The run a pending trigger waits for: its state and the id of the job (a Hangfire job id, a placeholder while
/// one is being enqueued, or null right after the trigger was created).</summary>
public sealed record TriggerRun(TriggerState State, string? Job)
{
    /// <summary>What a trigger starts as: queued, with no job yet.</summary>
    public static TriggerRun Unarmed { get; } = new(TriggerState.Queued, null);
}

/// <summary>
/// Requests (webhook deliveries, dashboard actions) merged into the pending trigger of one product and stage.
/// </summary>
/// <param name="Deliveries">How many requests this adds (1 for one delivery; more when a run puts back what it took).</param>
/// <param name="Issues">Issue references (<c>tracker:group/project#number</c>) the requests name; may be empty.</param>
/// <param name="FirstAt">When the earliest of the requests arrived.</param>
/// <param name="LastAt">When the latest arrived.</param>
public sealed record TriggerRequest(
    string Product,
    string Stage,
    IReadOnlyCollection<string> Issues,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    int Deliveries = 1);

/// <summary>
/// Everything that asked for a run of one stage of one product since the last run took it: one row per (product, stage),
/// however many requests were merged into it.
/// </summary>
/// <param name="Issues">The issues named, ordinal order, each once.</param>
/// <param name="RunSince">When <paramref name="Run"/> last changed (created, enqueued, parked, woken).</param>
public sealed record PendingTrigger(
    string Product,
    string Stage,
    int Deliveries,
    IReadOnlyList<string> Issues,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    TriggerRun Run,
    DateTimeOffset RunSince);

/// <summary>What <see cref="ITriggerStore.AddTriggerAsync"/> did, and the pending trigger's counts and run after it.</summary>
/// <param name="Created">True when no trigger was pending and this call created it (so the caller enqueues its run).</param>
/// <param name="Deliveries">Requests merged into the pending trigger so far, this one included.</param>
/// <param name="RunSince">When <paramref name="Run"/> last changed.</param>
public sealed record TriggerAdded(bool Created, int Deliveries, TriggerRun Run, DateTimeOffset RunSince);
