using System.ComponentModel;
using Hangfire;
using Sync.Core.Pipeline;
using Sync.Worker.Configuration;
using Sync.Worker.Observability;

namespace Sync.Worker.Jobs;

/// <summary>
/// The Hangfire job that runs one stage of one product's pipeline. It takes the product key only (never an entity), is safe
/// to run twice, and is guarded by the product lease inside <see cref="ProductPipeline"/>.
/// </summary>
public sealed class ProductPipelineJob(ProductCatalog catalog, ProductPipeline pipeline, PipelineMetrics metrics, ILogger<ProductPipelineJob> logger)
{
    /// <param name="stage">One of <see cref="PipelineStages"/>: <c>all</c> (a full resync) or a scheduled stage.</param>
    [DisplayName("Product {0}: {1}")]
    // No automatic retry: a failed run stays on the Failed page (Requeue retries it), the next scheduled or triggered
    // run goes on anyway, and a failed move has its own back-off (MoveStep).
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string productKey, string stage, CancellationToken cancellationToken)
    {
        var product = catalog.Get(productKey);
        var summary = await pipeline.RunAsync(product, dryRun: false, stage, cancellationToken);
        metrics.Record(summary, stage, dryRun: false);
        foreach (var step in summary.Steps)
        {
            foreach (var line in step.Result.Lines)
            {
                Log.StepLine(logger, productKey, step.Step, line);
            }
        }

        if (PipelineMetrics.IsBusy(summary))
        {
            Log.ProductBusy(logger, productKey);
            return;
        }

        if (!summary.Succeeded)
        {
            // The message is what the dashboard's Failed page shows: one line per failure, the tracker's words, no secrets.
            throw new PipelineStepFailedException(string.Join('\n', summary.FailureLines));
        }

        Log.ProductSynced(logger, productKey, summary.Writes.Count);
    }
}

/// <summary>A pipeline step failed; Hangfire retries the job by its policy.</summary>
public sealed class PipelineStepFailedException(string message) : Exception(message);
