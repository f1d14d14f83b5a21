using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// Reads every project of the product incrementally (only issues changed since the stored cursor) and
/// advances the cursor. Later steps (move, votes, RICE, roadmap) build on what it finds.
/// </summary>
public sealed class InventoryStep(ITrackerRegistry trackers, ICursorStore cursors, TimeProvider time) : IPipelineStep
{
    public string Name => StepNames.Inventory;

    public static string ScopeOf(ProjectRef project) => $"issues:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var project in context.Product.Projects)
        {
            var listing = await IncrementalListing.ListAsync(trackers.Get(project.Tracker), project.Path, cursors, ScopeOf(project), time, cancellationToken);
            var changed = listing.Changed;
            var cursor = listing.Cursor;
            var open = changed.Count(i => i.State == IssueState.Open);
            var since = cursor?.UpdatedAt is { } at ? $"since {at:yyyy-MM-dd HH:mm:ss}Z" : "first listing";
            lines.Add($"{project}: {changed.Count} issue(s) new or changed ({open} open), {since}");
            metrics[$"changed:{project}"] = changed.Count;
            if (!context.DryRun)
            {
                await listing.SaveAsync(time.GetUtcNow(), cancellationToken);
            }
        }

        return new StepResult(lines, metrics);
    }
}
