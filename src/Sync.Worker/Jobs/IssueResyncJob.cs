using System.ComponentModel;
using Hangfire;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Jobs;

/// <summary>
/// The per-delivery job of earlier versions, kept so jobs they left in Hangfire's storage still run: each now becomes a
/// request on the product's pending trigger (see <see cref="TriggerQueue"/>), which runs the issue's stage once for every
/// request pending. New deliveries go to the trigger directly.
/// </summary>
internal sealed class IssueResyncJob(ProductCatalog catalog, TriggerQueue triggers, ILogger<IssueResyncJob> logger)
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

        var result = await triggers.AddAsync(product.Key, stage, [issue], cancellationToken);
        Webhooks.Log.ResyncStage(logger, issueRef, productKey, stage, result.Outcome, result.Job ?? "-");
    }
}
