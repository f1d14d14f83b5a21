using Sync.Core.Pipeline;
using Sync.Worker.Configuration;
using Sync.Worker.Observability;
using Sync.Worker.Trackers;

namespace Sync.Worker.Running;

/// <summary><c>--once</c>: every product's pipeline, one after the other, then the summary.</summary>
internal sealed class OnceRunner(ProductCatalog catalog, ProductPipeline pipeline, RequestCounter requests, PipelineMetrics metrics, TimeProvider time)
{
    public async Task<RunSummary> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var before = requests.Snapshot();
        var products = new List<ProductRunSummary>();
        foreach (var product in catalog.All)
        {
            var summary = await pipeline.RunAsync(product, dryRun, cancellationToken);
            metrics.Record(summary, PipelineStages.All, dryRun);
            products.Add(summary);
        }

        var used = RequestSummaries.Since(before, requests.Snapshot());
        return new RunSummary(started, time.GetUtcNow(), dryRun, products, used);
    }
}
