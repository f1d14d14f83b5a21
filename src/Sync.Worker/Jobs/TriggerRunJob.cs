using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Jobs;

/// <summary>What a triggered run did, kept by Hangfire as the job's result (shown on its page).</summary>
/// <param name="Outcome"><c>ran</c>; <c>waiting</c> (the product was busy); <c>nothing pending</c>; <c>busy; left to another
/// job</c> (the trigger is queued under another job); <c>not configured</c>.</param>
/// <param name="Deliveries">Requests the run took.</param>
/// <param name="Issues">Issues they named. An array: Hangfire keeps results as JSON, and an interface-typed list would be
/// written with its .NET type name.</param>
internal sealed record TriggeredRun(string Outcome, int Deliveries, string[] Issues);

/// <summary>
/// The run of a pending trigger (see <see cref="TriggerQueue"/>): takes every request pending for the product's stage once
/// the product's lease is held, and runs the stage once for all of them. Takes identifiers only and is safe to run twice:
/// a second run finds nothing pending and ends without a tracker request. When another run holds the product it parks
/// the trigger as waiting; that run wakes it when it ends, so the requests run once after the current pass.
/// </summary>
internal sealed class TriggerRunJob(ProductCatalog catalog, ProductRunner runner, TriggerQueue triggers, ILogger<TriggerRunJob> logger)
{
    public const string Ran = "ran";
    public const string Waiting = "waiting";
    public const string NothingPending = "nothing pending";
    public const string LeftToAnother = "busy; left to another job";
    public const string NotConfigured = "not configured";

    /// <param name="context">Supplied by Hangfire (enqueue with null): the job's own id, which its trigger holds.</param>
    [DisplayName("Product {0}: {1} (requested)")]
    // No automatic retry, as for scheduled runs: a failed run puts its requests back and lands on the Failed page; the
    // next request, the sweep or a scheduled run takes them, and a failed move has its own back-off.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<TriggeredRun> RunAsync(string productKey, string stage, PerformContext? context, CancellationToken cancellationToken)
    {
        var job = context?.BackgroundJob.Id;
        var product = catalog.All.FirstOrDefault(p => string.Equals(p.Key, productKey, StringComparison.OrdinalIgnoreCase));
        if (product is null)
        {
            // The configuration changed since the request: nothing can run it.
            var dropped = (await triggers.TakeAsync(productKey, stage, cancellationToken)).Sum(t => t.Deliveries);
            Triggers.Log.Dropped(logger, productKey, stage, dropped);
            return new TriggeredRun(NotConfigured, dropped, []);
        }

        var run = await runner.RunAsync(product, stage, onlyIfTriggered: true, job, cancellationToken);
        if (run.Busy)
        {
            if (job is null || !await triggers.ParkAsync(product.Key, stage, job, cancellationToken))
            {
                // Taken by another run meanwhile, or queued under another job: that one deals with it.
                return new TriggeredRun(LeftToAnother, 0, []);
            }

            // Parked. Try once more: a run that ended between the first attempt and the parking woke nothing, but it
            // also left the product free. If it is still busy, the run holding it sees the parked trigger when it ends.
            run = await runner.RunAsync(product, stage, onlyIfTriggered: true, job, cancellationToken);
            if (run.Busy)
            {
                return new TriggeredRun(Waiting, 0, []);
            }
        }

        if (run.Idle)
        {
            return new TriggeredRun(NothingPending, 0, []);
        }

        ProductPipelineJob.ThrowIfFailed(run);
        Log.ProductSynced(logger, product.Key, run.Summary.Writes.Count);
        return new TriggeredRun(Ran, run.Deliveries, [.. run.Issues]);
    }
}
