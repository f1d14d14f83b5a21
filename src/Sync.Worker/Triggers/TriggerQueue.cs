using Hangfire;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Jobs;

namespace Sync.Worker.Triggers;

/// <summary>
/// Turns requests for a run (webhook deliveries, dashboard actions) into at most one queued run per product and stage.
/// The pending trigger lives in the state store, shared by every replica; a Hangfire job is only the wake-up call that
/// makes some worker take it, so a job that is lost, dropped or run twice loses or doubles nothing.
/// </summary>
/// <remarks>
/// A trigger is queued (a <see cref="TriggerRunJob"/> is enqueued for it) or waiting (its job found the product busy).
/// Enqueueing is guarded by compare-and-set on the trigger's run: a placeholder is written first, so of the callers that
/// find a trigger without a live job exactly one enqueues. A run that held the product wakes the waiting triggers when it
/// ends; <see cref="SweepAsync"/> re-enqueues what a crashed process left behind.
/// </remarks>
internal sealed class TriggerQueue(ITriggerStore store, ILeaseStore leases, IBackgroundJobClient jobs, JobStorage storage, TimeProvider time, ILogger<TriggerQueue> logger)
{
    /// <summary>Prefix of the placeholder written while a job is being enqueued.</summary>
    public const string ArmingPrefix = "arming:";

    /// <summary>
    /// How long a trigger may have no job (just created) or a placeholder (being enqueued) before it counts as abandoned:
    /// enqueueing takes milliseconds, so only a process that died in between leaves one this old.
    /// </summary>
    public static readonly TimeSpan ArmingGrace = TimeSpan.FromMinutes(1);

    /// <summary>Adds one request for a run of <paramref name="stage"/> naming <paramref name="issues"/>.</summary>
    public async Task<TriggerResult> AddAsync(string product, string stage, IReadOnlyCollection<IssueRef> issues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var now = time.GetUtcNow();
        var added = await store.AddTriggerAsync(new TriggerRequest(product, stage, [.. issues.Select(i => i.ToString())], now, now), cancellationToken);

        // The request is stored: from here on a client hanging up must not leave the trigger without a run.
        if (added.Created)
        {
            var job = await ArmAsync(product, stage, TriggerRun.Unarmed, "requested", CancellationToken.None);
            return new TriggerResult(product, stage, job is null ? TriggerOutcome.Merged : TriggerOutcome.Queued, job, added.Deliveries);
        }

        if (added.Run.State == TriggerState.Waiting)
        {
            return new TriggerResult(product, stage, TriggerOutcome.Waiting, added.Run.Job, added.Deliveries);
        }

        // Failed counts as gone here: a new request is worth another attempt.
        if (Lost(product, stage, added.Run, added.RunSince, now, failedIsLost: true)
            && await ArmAsync(product, stage, added.Run, "its job was gone", CancellationToken.None) is { } rearmed)
        {
            return new TriggerResult(product, stage, TriggerOutcome.Queued, rearmed, added.Deliveries);
        }

        return new TriggerResult(product, stage, TriggerOutcome.Merged, RealJob(added.Run.Job), added.Deliveries);
    }

    /// <summary>Takes the pending triggers a run of <paramref name="runStage"/> covers (it runs every step they asked for).</summary>
    public async Task<IReadOnlyList<PendingTrigger>> TakeAsync(string product, string runStage, CancellationToken cancellationToken)
    {
        var taken = await store.TakeTriggersAsync(product, PipelineStages.CoveredBy(runStage), cancellationToken);
        if (taken.Count > 0)
        {
            var deliveries = taken.Sum(t => t.Deliveries);
            var issues = taken.SelectMany(t => t.Issues).Distinct(StringComparer.Ordinal).Count();
            Log.Taken(logger, product, runStage, taken.Count, deliveries, issues);
        }

        return taken;
    }

    /// <summary>
    /// Puts back what a failed run took, merged with whatever arrived meanwhile. A trigger re-created here is left to
    /// <paramref name="job"/> when given (its Hangfire retry takes it again); otherwise a run is enqueued for it.
    /// </summary>
    public async Task RestoreAsync(IReadOnlyList<PendingTrigger> taken, string? job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        foreach (var trigger in taken)
        {
            var request = new TriggerRequest(trigger.Product, trigger.Stage, trigger.Issues, trigger.FirstAt, trigger.LastAt, trigger.Deliveries);
            var added = await store.AddTriggerAsync(request, cancellationToken);
            if (added.Created && job is not null)
            {
                await store.SetTriggerRunAsync(trigger.Product, trigger.Stage, TriggerRun.Unarmed, new TriggerRun(TriggerState.Queued, job), time.GetUtcNow(), cancellationToken);
            }
            else if (added.Created)
            {
                await ArmAsync(trigger.Product, trigger.Stage, TriggerRun.Unarmed, "put back after a failed run", cancellationToken);
            }

            Log.Restored(logger, trigger.Product, trigger.Stage, trigger.Deliveries, trigger.Issues.Count);
        }
    }

    /// <summary>
    /// Marks the trigger of <paramref name="job"/> as waiting for the product's current run. False when the trigger is not
    /// this job's to park (taken meanwhile, or queued under another job, which will deal with it).
    /// </summary>
    /// <remarks>
    /// A job can start before the request that enqueued it has written its id over the placeholder, so a placeholder is
    /// parked too: it stands for a job being enqueued, most likely this one, and if not, that job finds the trigger waiting
    /// and leaves it to the wake-up like this one does.
    /// </remarks>
    public async Task<bool> ParkAsync(string product, string stage, string job, CancellationToken cancellationToken)
    {
        var waiting = new TriggerRun(TriggerState.Waiting, job);
        var now = time.GetUtcNow();
        var parked = await store.SetTriggerRunAsync(product, stage, new TriggerRun(TriggerState.Queued, job), waiting, now, cancellationToken);
        var trigger = (await store.ListTriggersAsync(product, cancellationToken)).FirstOrDefault(t => t.Stage == stage);
        if (!parked && trigger is { Run: { State: TriggerState.Queued, Job: { } placeholder } } && RealJob(placeholder) is null)
        {
            parked = await store.SetTriggerRunAsync(product, stage, trigger.Run, waiting, now, cancellationToken);
        }

        if (parked)
        {
            Log.Parked(logger, product, stage, trigger?.Deliveries ?? 0, job);
        }

        return parked;
    }

    /// <summary>
    /// Called after a run of <paramref name="product"/> released its lease: enqueues the first trigger (in pipeline order)
    /// that waited for it. One at a time, because two stages of a product never run at once: a second one woken now would
    /// only find the product busy again. The run it starts wakes the next when it ends.
    /// </summary>
    public async Task WakeAsync(string product, CancellationToken cancellationToken)
    {
        var waiting = (await store.ListTriggersAsync(product, cancellationToken))
            .Where(t => t.Run.State == TriggerState.Waiting)
            .OrderBy(t => PipelineStages.Known.Contains(t.Stage) ? PipelineStages.Known.ToList().IndexOf(t.Stage) : int.MaxValue)
            .FirstOrDefault();

        // Lost to another waker, or taken meanwhile: either way a run is coming, and it wakes the next one.
        if (waiting is not null)
        {
            await ArmAsync(waiting.Product, waiting.Stage, waiting.Run, "the product's run ended", cancellationToken);
        }
    }

    /// <summary>
    /// Re-enqueues what no live job will take: a queued trigger whose job is gone (the process died before enqueueing, or
    /// Hangfire lost or dropped the job), and a waiting trigger of a product nobody is running any more (the run that held it
    /// died before waking it). A trigger whose job failed is left for the next request or a covering scheduled run, so a
    /// broken product is not retried every sweep. Every replica may sweep: the compare-and-set lets one enqueue.
    /// </summary>
    /// <returns>How many runs were enqueued.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var enqueued = 0;
        foreach (var trigger in await store.ListTriggersAsync(null, cancellationToken))
        {
            var lost = trigger.Run.State == TriggerState.Queued
                ? Lost(trigger.Product, trigger.Stage, trigger.Run, trigger.RunSince, now, failedIsLost: false)
                : await leases.GetLeaseAsync(ProductPipeline.LeaseName(trigger.Product), cancellationToken) is not { } lease || !lease.IsHeldAt(now);
            if (lost && await ArmAsync(trigger.Product, trigger.Stage, trigger.Run, "sweep", cancellationToken) is not null)
            {
                enqueued++;
            }
        }

        return enqueued;
    }

    /// <summary>The Hangfire state of a job id a trigger holds; null for a placeholder or no job.</summary>
    public string? JobState(string? job)
    {
        if (RealJob(job) is not { } id)
        {
            return null;
        }

        using var connection = storage.GetConnection();
        return connection.GetJobData(id)?.State ?? "missing";
    }

    /// <summary>A job id, or null for none and for a placeholder.</summary>
    public static string? RealJob(string? job) => job is null || job.StartsWith(ArmingPrefix, StringComparison.Ordinal) ? null : job;

    /// <summary>True when no live job will take a queued trigger.</summary>
    private bool Lost(string product, string stage, TriggerRun run, DateTimeOffset since, DateTimeOffset now, bool failedIsLost)
    {
        if (RealJob(run.Job) is null)
        {
            return now - since >= ArmingGrace;
        }

        var state = JobState(run.Job)!;
        var lost = state is "missing" or "Succeeded" or "Deleted" || (failedIsLost && state == "Failed");
        if (lost)
        {
            Log.Lost(logger, product, stage, run.State, run.Job!, since, state);
        }

        return lost;
    }

    /// <summary>
    /// Enqueues a run for the trigger while its run is still <paramref name="expected"/>: a placeholder is set first, so of
    /// several callers with the same expectation one enqueues. Returns the job id, or null when another caller won.
    /// </summary>
    private async Task<string?> ArmAsync(string product, string stage, TriggerRun expected, string reason, CancellationToken cancellationToken)
    {
        var placeholder = new TriggerRun(TriggerState.Queued, ArmingPrefix + Guid.NewGuid().ToString("N"));
        if (!await store.SetTriggerRunAsync(product, stage, expected, placeholder, time.GetUtcNow(), cancellationToken))
        {
            return null;
        }

        var job = jobs.Enqueue<TriggerRunJob>(j => j.RunAsync(product, stage, null, CancellationToken.None));

        // When this finds something else, a run took the trigger meanwhile (the new job finds nothing and ends), or the new
        // job already found the product busy and parked it under its id.
        await store.SetTriggerRunAsync(product, stage, placeholder, new TriggerRun(TriggerState.Queued, job), time.GetUtcNow(), CancellationToken.None);
        Log.Armed(logger, product, stage, job, reason);
        return job;
    }
}
