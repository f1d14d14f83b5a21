using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// One incremental listing of a project under a stored cursor: the issues changed since the cursor (see
/// <see cref="IncrementalCursor"/>), paged by its bound (<see cref="KeysetIssueListing"/>), and <see cref="SaveAsync"/>
/// to advance the cursor over them afterwards. Every step that follows a project's changes (inventory, RICE, roadmap)
/// lists through this.
/// </summary>
public sealed class IncrementalListing
{
    private readonly ICursorStore _cursors;
    private readonly TrackerKind _kind;

    private IncrementalListing(ICursorStore cursors, TrackerKind kind, string scope, SyncCursor? cursor, List<TrackerIssue> changed, DateTimeOffset listedAt)
    {
        _cursors = cursors;
        _kind = kind;
        Scope = scope;
        Cursor = cursor;
        Changed = changed;
        ListedAt = listedAt;
    }

    public string Scope { get; }

    /// <summary>The cursor the listing started from; null on a first listing or one from scratch.</summary>
    public SyncCursor? Cursor { get; }

    /// <summary>Issues new or changed since <see cref="Cursor"/>, oldest update first.</summary>
    public IReadOnlyList<TrackerIssue> Changed { get; }

    /// <summary>
    /// When the listing began (our clock). Whether a listed issue was still inside GitLab's touch window is judged at
    /// this instant, not when the cursor is saved: a note in between is what the window is for.
    /// </summary>
    public DateTimeOffset ListedAt { get; }

    public static Task<IncrementalListing> ListAsync(
        ITrackerClient client, string projectPath, ICursorStore cursors, string scope, TimeProvider time, CancellationToken cancellationToken) =>
        ListAsync(client, projectPath, cursors, scope, time, fromScratch: false, cancellationToken);

    /// <param name="fromScratch">
    /// Ignore the stored cursor and list every issue (as on a first listing); <see cref="SaveAsync"/> then replaces the
    /// cursor. For a step whose stored state can no longer be trusted to be complete.
    /// </param>
    public static async Task<IncrementalListing> ListAsync(
        ITrackerClient client, string projectPath, ICursorStore cursors, string scope, TimeProvider time, bool fromScratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        var cursor = fromScratch ? null : await cursors.GetCursorAsync(scope, cancellationToken);
        var listedAt = time.GetUtcNow();
        var listed = await KeysetIssueListing.ListAsync(client, projectPath, IncrementalCursor.NextLowerBound(cursor, client.Kind), cancellationToken);
        var changed = listed.Where(issue => IncrementalCursor.IsChanged(cursor, issue)).ToList();
        return new IncrementalListing(cursors, client.Kind, scope, cursor, changed, listedAt);
    }

    /// <summary>Advances the stored cursor over <see cref="Changed"/> (call once the changes were processed).</summary>
    public Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _cursors.SaveCursorAsync(IncrementalCursor.Advance(Cursor, Scope, [.. Changed], now, _kind, ListedAt), cancellationToken);
}
