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
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
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

        var failed = summary.Steps.FirstOrDefault(s => s.Error is not null);
        if (failed is not null)
        {
            // The message is what the dashboard shows: one line, the tracker's error, no secrets.
            throw new PipelineStepFailedException($"Product '{productKey}', step '{failed.Step}': {failed.Error}");
        }

        Log.ProductSynced(logger, productKey, summary.Writes.Count);
    }
}

/// <summary>A pipeline step failed; Hangfire retries the job by its policy.</summary>
public sealed class PipelineStepFailedException(string message) : Exception(message);
