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
public sealed class ProductPipelineJob(ProductCatalog catalog, ProductRunner runner, ILogger<ProductPipelineJob> logger)
{
    /// <param name="stage">One of <see cref="PipelineStages"/>: <c>all</c> (a full resync) or a scheduled stage.</param>
    [DisplayName("Product {0}: {1}")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
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

        ThrowIfFailed(productKey, run);
        Log.ProductSynced(logger, productKey, run.Summary.Writes.Count);
    }

    /// <summary>Fails the job with the first failed step's one-line error (what the dashboard shows; no secrets).</summary>
    internal static void ThrowIfFailed(string productKey, ProductRun run)
    {
        if (run.Summary.Steps.FirstOrDefault(s => s.Error is not null) is { } failed)
        {
            throw new PipelineStepFailedException($"Product '{productKey}', step '{failed.Step}': {failed.Error}");
        }
    }
}

/// <summary>A pipeline step failed; Hangfire retries the job by its policy.</summary>
public sealed class PipelineStepFailedException(string message) : Exception(message);
