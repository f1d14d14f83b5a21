using System.ComponentModel;
using Hangfire;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Jobs;

/// <summary>
/// A targeted resync after a webhook: runs the one stage of the product that covers the changed issue. An issue of
/// a private source runs <c>move</c>; an issue of the public project runs <c>votes</c>, or <c>rice</c> (votes, then
/// RICE) when the product scores RICE.
/// <para>
/// The steps list incrementally from their stored cursors (issues updated since the last pass), so the changed issue
/// is picked up by its bumped <c>updated_at</c> (comments and reactions bump it too) together with anything else that
/// changed meanwhile; the job needs no issue-specific code path and is safe to run twice. When another run of the
/// product holds its lease the job returns at once: that run, or the next scheduled one, lists the change.
/// </para>
/// </summary>
public sealed class IssueResyncJob(ProductCatalog catalog, ProductPipelineJob pipeline, ILogger<IssueResyncJob> logger)
{
    /// <param name="issueRef">The issue, <c>tracker:group/project#number</c> as configured in the product.</param>
    [DisplayName("Resync {1} (product {0})")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string productKey, string issueRef, CancellationToken cancellationToken)
    {
        var issue = IssueRef.Parse(issueRef);
        var product = catalog.All.FirstOrDefault(p => string.Equals(p.Key, productKey, StringComparison.OrdinalIgnoreCase));
        if (product is null || ResyncStage.For(product, issue) is not { } stage)
        {
            // The configuration changed between the delivery and the run.
            Webhooks.Log.ResyncNotCovered(logger, issueRef, productKey);
            return;
        }

        Webhooks.Log.ResyncStage(logger, issueRef, productKey, stage);
        await pipeline.RunAsync(product.Key, stage, cancellationToken);
    }
}
