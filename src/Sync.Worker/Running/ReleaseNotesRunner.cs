using Sync.Core.Pipeline;
using Sync.Core.Releases;
using Sync.Core.Storage;
using Sync.Worker.Configuration;

namespace Sync.Worker.Running;

/// <summary>
/// <c>--release-notes PRODUCT MILESTONE [--dry-run]</c>: one releases pass of the product now, under the product's lease
/// (as a CSV import stores under it), with that milestone asked for whatever its state; prints its Markdown draft and the
/// write made (or, in a dry run, the write it would make). An unknown product or milestone is one line and exit 1.
/// </summary>
internal sealed class ReleaseNotesRunner(ProductCatalog catalog, IEnumerable<IPipelineStep> steps, ILeaseStore leases, TimeProvider time)
{
    /// <summary>How long to wait for a run that holds the product before giving up.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(string productKey, string milestone, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (catalog.All.FirstOrDefault(p => string.Equals(p.Key, productKey, StringComparison.Ordinal)) is not { } product)
        {
            await error.WriteLineAsync($"error: --release-notes: no product '{productKey}'; known: {string.Join(", ", catalog.All.Select(p => p.Key))}");
            return Hosting.IssueSyncApp.ExitFailed;
        }

        if (product.ReleaseNotes is null)
        {
            await error.WriteLineAsync($"error: --release-notes: release notes are off for product '{product.Key}' (IssueSync:Products:{product.Key}:ReleaseNotes:Enabled)");
            return Hosting.IssueSyncApp.ExitFailed;
        }

        var lease = ProductPipeline.LeaseName(product.Key);
        var owner = $"release-notes:{Guid.NewGuid():N}";
        var giveUp = time.GetUtcNow() + LeaseWait;
        while (!await leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), LeaseWait, cancellationToken))
        {
            if (time.GetUtcNow() >= giveUp)
            {
                await error.WriteLineAsync($"error: --release-notes: product '{product.Key}' is being run and stayed busy for {LeaseWait.TotalSeconds:0} s; nothing was written");
                return Hosting.IssueSyncApp.ExitFailed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        ReleaseNotesOutcome outcome;
        var journal = new WriteJournal();
        try
        {
            var step = steps.OfType<ReleaseNotesStep>().Single();
            outcome = await step.DraftAsync(new PipelineContext(product, dryRun, journal), [milestone], cancellationToken);
        }
        finally
        {
            await leases.ReleaseLeaseAsync(lease, owner, CancellationToken.None);
        }

        if (!outcome.Requested.TryGetValue(milestone, out var id))
        {
            await error.WriteLineAsync("error: " + ReleaseNotesStep.UnknownLine(product.Public, milestone, outcome.Known));
            return Hosting.IssueSyncApp.ExitFailed;
        }

        var draft = outcome.Drafts.Single(d => d.MilestoneId == id);
        await output.WriteLineAsync("# " + draft.Title);
        await output.WriteLineAsync();
        await output.WriteLineAsync(draft.Body);
        await output.WriteLineAsync();
        foreach (var line in outcome.Result.Lines)
        {
            await output.WriteLineAsync(line);
        }

        foreach (var write in journal.Writes)
        {
            await output.WriteLineAsync($"{(dryRun ? "would " : string.Empty)}{write.Action} {write.Target}");
        }

        foreach (var failure in outcome.Result.Failures)
        {
            await error.WriteLineAsync($"error: {failure}");
        }

        return outcome.Result.Failures.Count == 0 ? Hosting.IssueSyncApp.ExitOk : Hosting.IssueSyncApp.ExitFailed;
    }
}
