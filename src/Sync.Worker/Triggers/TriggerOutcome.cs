namespace Sync.Worker.Triggers;

/// <summary>What became of one request for a run (a webhook delivery, a dashboard action).</summary>
internal enum TriggerOutcome
{
    /// <summary>Nothing was pending: this request enqueued a run.</summary>
    Queued,

    /// <summary>Merged into the pending trigger whose run is already enqueued.</summary>
    Merged,

    /// <summary>Merged into a pending trigger waiting for the product's current run; it runs once that run ends.</summary>
    Waiting,
}

/// <summary>One request's outcome for one product and stage.</summary>
/// <param name="Job">The pending run's job id (the new one when <see cref="TriggerOutcome.Queued"/>, the job that found the
/// product busy when <see cref="TriggerOutcome.Waiting"/>); null while a run is still being enqueued by another request.</param>
/// <param name="Deliveries">Requests merged into the pending trigger so far, this one included.</param>
internal sealed record TriggerResult(string Product, string Stage, TriggerOutcome Outcome, string? Job, int Deliveries);
