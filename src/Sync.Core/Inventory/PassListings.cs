using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// The incremental readings of the projects made during one pass (one <see cref="Pipeline.PipelineContext"/>), so the
/// steps that follow a project's changes (RICE, then the roadmap) read it once per pass. Each step keeps its own cursor
/// (a stage may run one step without the other, so their cursors can differ): a step whose next lower bound is at or
/// after the bound of this pass's reading gets that reading filtered through its own cursor, without a request; a step
/// further behind (or one that lists from scratch) lists by itself, and its wider reading is kept for the steps after it.
/// </summary>
public sealed class PassListings
{
    private readonly Dictionary<ProjectRef, IncrementalListing> _listings = [];
    private readonly Lock _lock = new();

    /// <summary>How many readings this pass asked of the trackers, and how many it answered from one already made.</summary>
    public (int Listed, int Shared) Counts { get; private set; }

    /// <param name="fromScratch">List every issue, whatever the stored cursor says (see <see cref="IncrementalListing.ListAsync(ITrackerClient, string, ICursorStore, string, TimeProvider, bool, CancellationToken)"/>).</param>
    public async Task<IncrementalListing> ListAsync(
        ITrackerClient client, ProjectRef project, ICursorStore cursors, string scope, TimeProvider time, bool fromScratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(cursors);
        var cursor = fromScratch ? null : await cursors.GetCursorAsync(scope, cancellationToken);
        var bound = IncrementalCursor.NextLowerBound(cursor, client.Kind);
        IncrementalListing? made;
        lock (_lock)
        {
            made = _listings.GetValueOrDefault(project);
            if (made is not null && made.Covers(bound))
            {
                Counts = (Counts.Listed, Counts.Shared + 1);
                return made.For(cursors, scope, cursor);
            }
        }

        var listing = await IncrementalListing.ListAsync(client, project.Path, cursors, scope, cursor, time, cancellationToken);
        lock (_lock)
        {
            Counts = (Counts.Listed + 1, Counts.Shared);
            _listings[project] = listing; // reaches further back than the one it replaces (which did not cover it), and is newer
        }

        return listing;
    }
}
