using System.ComponentModel;
using Hangfire;
using Sync.Core.Pipeline;
using Sync.Worker.Configuration;

namespace Sync.Worker.Jobs;

/// <summary>
/// The recurring Hangfire job that runs one stage of one product's pipeline. It takes the product key only (never an entity),
/// is safe to run twice, and is guarded by the product lease inside <see cref="ProductPipeline"/>. It also takes the pending
/// triggers its stage covers (their issues are handed to the steps), so a scheduled run leaves no triggered run to follow it.
/// </summary>
internal sealed class ProductPipelineJob(ProductCatalog catalog, ProductRunner runner, ILogger<ProductPipelineJob> logger)
{
    /// <param name="stage">One of <see cref="PipelineStages"/>: <c>all</c> (a full resync) or a scheduled stage.</param>
    [DisplayName("Product {0}: {1}")]
    // No automatic retry: a failed run stays on the Failed page (Requeue retries it), the next scheduled or triggered
    // run goes on anyway, and a failed move has its own back-off (MoveStep).
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string productKey, string stage, CancellationToken cancellationToken)
    {
        var product = catalog.Get(productKey);
        var run = await runner.RunAsync(product, stage, onlyIfTriggered: false, job: null, cancellationToken);
        if (run.Busy)
        {
            // The schedule comes round again; a request that arrives meanwhile waits for the current run instead.
            Log.ProductBusy(logger, productKey);
            return;
        }

        ThrowIfFailed(run);
        Log.ProductSynced(logger, productKey, run.Summary.Writes.Count);
    }

    /// <summary>
    /// Fails the job when the run failed: a step as a whole, or any item a step could not do. The message is what the
    /// dashboard's Failed page shows: one line per failure, the tracker's words, no secrets.
    /// </summary>
    internal static void ThrowIfFailed(ProductRun run)
    {
        if (!run.Summary.Succeeded)
        {
            throw new PipelineStepFailedException(string.Join('\n', run.Summary.FailureLines));
        }
    }
}

/// <summary>A pipeline run failed (a step, or items of a step); the message lists each failure on its own line.</summary>
internal sealed class PipelineStepFailedException(string message) : Exception(message);
