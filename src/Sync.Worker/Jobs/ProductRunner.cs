using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Observability;
using Sync.Worker.Triggers;

namespace Sync.Worker.Jobs;

/// <summary>What one attempt to run a product's stage came to.</summary>
/// <param name="Taken">The pending triggers the run took (empty when it was busy, or took none).</param>
internal sealed record ProductRun(ProductRunSummary Summary, IReadOnlyList<PendingTrigger> Taken)
{
    /// <summary>Another run held the product; nothing ran and nothing was taken.</summary>
    public bool Busy => PipelineMetrics.IsBusy(Summary);

    /// <summary>The run held the product but found nothing pending, so it ran no step.</summary>
    public bool Idle => Summary.Steps is [{ Step: ProductPipeline.ClaimStep }];

    public int Deliveries => Taken.Sum(t => t.Deliveries);

    public IReadOnlyList<string> Issues => [.. Taken.SelectMany(t => t.Issues).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>
/// Runs one stage of a product the way every job does: once the product's lease is held it takes the pending triggers
/// the stage covers and hands their issues to the steps; it records metrics and step lines; a failed run puts the
/// triggers back; and a run that held the product wakes the triggers that waited for it (after the lease is released,
/// so a trigger parked meanwhile is either seen here or finds the product free when its job tries again).
/// </summary>
internal sealed class ProductRunner(ProductPipeline pipeline, TriggerQueue triggers, PipelineMetrics metrics, IdleMemoryTrim trim, ILogger<ProductRunner> logger)
{
    /// <param name="onlyIfTriggered">End without running a step when no trigger is pending (a triggered run whose work
    /// another run took); a scheduled run runs either way.</param>
    /// <param name="job">The Hangfire job running this, so triggers put back after a failure wait for its retry.</param>
    public async Task<ProductRun> RunAsync(ProductDefinition product, string stage, bool onlyIfTriggered, string? job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        using var running = trim.Enter();
        IReadOnlyList<PendingTrigger> taken = [];
        var held = false;
        ProductRunSummary summary;
        try
        {
            summary = await pipeline.RunAsync(product, dryRun: false, stage, ClaimAsync, cancellationToken);
        }
        catch
        {
            // Not cancellable: a stopping worker must still put back what it took and wake what waited for it.
            await triggers.RestoreAsync(taken, job, CancellationToken.None);
            if (held)
            {
                await triggers.WakeAsync(product.Key, CancellationToken.None);
            }

            throw;
        }

        var run = new ProductRun(summary, taken);
        if (run.Busy)
        {
            metrics.Record(summary, stage, dryRun: false);
            return run;
        }

        if (!run.Idle)
        {
            metrics.Record(summary, stage, dryRun: false);
            foreach (var step in summary.Steps)
            {
                foreach (var line in step.Result.Lines)
                {
                    Log.StepLine(logger, product.Key, step.Step, line);
                }
            }
        }

        if (!summary.Succeeded)
        {
            await triggers.RestoreAsync(taken, job, CancellationToken.None);
        }

        await triggers.WakeAsync(product.Key, CancellationToken.None);
        return run;

        async Task<IReadOnlySet<IssueRef>?> ClaimAsync(CancellationToken ct)
        {
            held = true;
            taken = await triggers.TakeAsync(product.Key, stage, ct);
            if (onlyIfTriggered && taken.Count == 0)
            {
                return null;
            }

            return taken.SelectMany(t => t.Issues).Select(i => IssueRef.TryParse(i, out var issue) ? issue : null).OfType<IssueRef>().ToHashSet();
        }
    }
}
