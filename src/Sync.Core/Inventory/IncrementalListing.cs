using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// One incremental listing of a project under a stored cursor: the issues changed since the cursor (see
/// <see cref="IncrementalCursor"/>), paged by its bound (<see cref="KeysetIssueListing"/>), and <see cref="SaveAsync"/>
/// to advance the cursor over them afterwards. Every step that follows a project's changes (inventory, RICE, roadmap)
/// lists through this; within one pass the steps share one reading of a project through <see cref="PassListings"/>.
/// </summary>
public sealed class IncrementalListing
{
    private readonly ICursorStore _cursors;
    private readonly TrackerKind _kind;
    private readonly IReadOnlyList<TrackerIssue> _listed;

    private IncrementalListing(
        ICursorStore cursors, TrackerKind kind, string scope, SyncCursor? cursor, DateTimeOffset? lowerBound, IReadOnlyList<TrackerIssue> listed, DateTimeOffset listedAt, bool shared)
    {
        _cursors = cursors;
        _kind = kind;
        _listed = listed;
        Scope = scope;
        Cursor = cursor;
        LowerBound = lowerBound;
        // Through another step's cursor, a wider reading also holds issues before that cursor's bound: IsChanged leaves out
        // every one of them but an unseen issue at the cursor's own instant, which is worth re-checking anyway.
        Changed = [.. listed.Where(issue => IncrementalCursor.IsChanged(cursor, issue))];
        ListedAt = listedAt;
        Shared = shared;
    }

    public string Scope { get; }

    /// <summary>The cursor the listing started from; null on a first listing or one from scratch.</summary>
    public SyncCursor? Cursor { get; }

    /// <summary>The inclusive lower bound asked of the tracker (null: every issue was listed).</summary>
    public DateTimeOffset? LowerBound { get; }

    /// <summary>Issues new or changed since <see cref="Cursor"/>, oldest update first.</summary>
    public IReadOnlyList<TrackerIssue> Changed { get; }

    /// <summary>
    /// When the listing began (our clock). Whether a listed issue was still inside GitLab's touch window is judged at
    /// this instant, not when the cursor is saved: a note in between is what the window is for.
    /// </summary>
    public DateTimeOffset ListedAt { get; }

    /// <summary>True when this is another step's reading of the project in the same pass, seen through this step's cursor.</summary>
    public bool Shared { get; }

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
        ArgumentNullException.ThrowIfNull(cursors);
        var cursor = fromScratch ? null : await cursors.GetCursorAsync(scope, cancellationToken);
        return await ListAsync(client, projectPath, cursors, scope, cursor, time, cancellationToken);
    }

    /// <summary>Lists from <paramref name="cursor"/> (already read; null lists every issue).</summary>
    internal static async Task<IncrementalListing> ListAsync(
        ITrackerClient client, string projectPath, ICursorStore cursors, string scope, SyncCursor? cursor, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        var listedAt = time.GetUtcNow();
        var bound = IncrementalCursor.NextLowerBound(cursor, client.Kind);
        var listed = await KeysetIssueListing.ListAsync(client, projectPath, bound, cancellationToken);
        return new IncrementalListing(cursors, client.Kind, scope, cursor, bound, listed, listedAt, shared: false);
    }

    /// <summary>Whether this listing returned every issue a listing from <paramref name="lowerBound"/> would (at the same instant).</summary>
    internal bool Covers(DateTimeOffset? lowerBound) => LowerBound is not { } own || (lowerBound is { } wanted && wanted >= own);

    /// <summary>
    /// The same reading seen through another step's cursor (which <see cref="Covers"/> must accept): what a listing from
    /// that cursor would have returned at <see cref="ListedAt"/>, without a request.
    /// </summary>
    internal IncrementalListing For(ICursorStore cursors, string scope, SyncCursor? cursor) =>
        new(cursors, _kind, scope, cursor, IncrementalCursor.NextLowerBound(cursor, _kind), _listed, ListedAt, shared: true);

    /// <summary>Advances the stored cursor over <see cref="Changed"/> (call once the changes were processed).</summary>
    /// <param name="now">
    /// When the cursor is saved; a shared reading is saved as of <see cref="ListedAt"/> at the latest, since that is when
    /// the tracker was read (the cursor's <see cref="SyncCursor.SavedAt"/> says how settled its instant was then).
    /// </param>
    public Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _cursors.SaveCursorAsync(
            IncrementalCursor.Advance(Cursor, Scope, [.. Changed], Shared && now > ListedAt ? ListedAt : now, _kind, ListedAt), cancellationToken);
}
