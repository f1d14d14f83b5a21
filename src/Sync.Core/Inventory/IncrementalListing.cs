using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// One incremental listing of a project under a stored cursor: the issues changed since the cursor (see
/// <see cref="IncrementalCursor"/>), and <see cref="SaveAsync"/> to advance the cursor over them afterwards.
/// Every step that follows a project's changes (inventory, votes) lists through this.
/// </summary>
public sealed class IncrementalListing
{
    private readonly ICursorStore _cursors;

    private IncrementalListing(ICursorStore cursors, string scope, SyncCursor? cursor, List<TrackerIssue> changed)
    {
        _cursors = cursors;
        Scope = scope;
        Cursor = cursor;
        Changed = changed;
    }

    public string Scope { get; }

    /// <summary>The cursor the listing started from; null on a first listing or one from scratch.</summary>
    public SyncCursor? Cursor { get; }

    /// <summary>Issues new or changed since <see cref="Cursor"/>, oldest update first.</summary>
    public IReadOnlyList<TrackerIssue> Changed { get; }

    public static Task<IncrementalListing> ListAsync(
        ITrackerClient client, string projectPath, ICursorStore cursors, string scope, CancellationToken cancellationToken) =>
        ListAsync(client, projectPath, cursors, scope, fromScratch: false, cancellationToken);

    /// <param name="fromScratch">
    /// Ignore the stored cursor and list every issue (as on a first listing); <see cref="SaveAsync"/> then replaces the
    /// cursor. For a step whose stored state can no longer be trusted to be complete.
    /// </param>
    public static async Task<IncrementalListing> ListAsync(
        ITrackerClient client, string projectPath, ICursorStore cursors, string scope, bool fromScratch, CancellationToken cancellationToken)
    {
        var cursor = fromScratch ? null : await cursors.GetCursorAsync(scope, cancellationToken);
        var query = new IssueQuery(IssueStateFilter.All, null, IncrementalCursor.NextLowerBound(cursor, client.Kind));
        var changed = await client.ListIssuesAsync(projectPath, query, cancellationToken)
            .Where(issue => IncrementalCursor.IsChanged(cursor, issue))
            .ToListAsync(cancellationToken);
        return new IncrementalListing(cursors, scope, cursor, changed);
    }

    /// <summary>Advances the stored cursor over <see cref="Changed"/> (call once the changes were processed).</summary>
    public Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _cursors.SaveCursorAsync(IncrementalCursor.Advance(Cursor, Scope, [.. Changed], now), cancellationToken);
}
