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
    public string Name => "inventory";

    public static string ScopeOf(ProjectRef project) => $"issues:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var project in context.Product.Projects)
        {
            var scope = ScopeOf(project);
            var cursor = await cursors.GetCursorAsync(scope, cancellationToken);
            var client = trackers.Get(project.Tracker);
            var changed = new List<TrackerIssue>();
            var query = new IssueQuery(IssueStateFilter.All, null, IncrementalCursor.NextLowerBound(cursor, client.Kind));
            await foreach (var issue in client.ListIssuesAsync(project.Path, query, cancellationToken))
            {
                if (IncrementalCursor.IsChanged(cursor, issue))
                {
                    changed.Add(issue);
                }
            }

            var open = changed.Count(i => i.State == IssueState.Open);
            var since = cursor?.UpdatedAt is { } at ? $"since {at:yyyy-MM-dd HH:mm:ss}Z" : "first listing";
            lines.Add($"{project}: {changed.Count} issue(s) new or changed ({open} open), {since}");
            metrics[$"changed:{project}"] = changed.Count;
            if (!context.DryRun)
            {
                await cursors.SaveCursorAsync(IncrementalCursor.Advance(cursor, scope, changed, time.GetUtcNow()), cancellationToken);
            }
        }

        return new StepResult(lines, metrics);
    }
}
