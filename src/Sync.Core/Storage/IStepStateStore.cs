namespace Sync.Core.Storage;

/// <summary>
/// What the steps keep between passes: their incremental-listing cursors and their per-product documents (votes'
/// signal book, demand, duplicate map and moved issues' source readings; RICE entries; the roadmap's book). Steps
/// read and write it through <see cref="StepState.For"/>, which in a dry run reads but never writes. The HTTP cache
/// (<see cref="ICursorStore.GetCachedResponseAsync"/>) is the trackers' and holds no step state.
/// </summary>
public interface IStepStateStore
{
    Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken);

    Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken);

    /// <inheritdoc cref="IDocumentStore.ListDocumentsAsync"/>
    Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string product, string kind, CancellationToken cancellationToken);

    /// <inheritdoc cref="IDocumentStore.SaveDocumentsAsync"/>
    Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken);

    /// <inheritdoc cref="IDocumentStore.DeleteDocumentsAsync"/>
    Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

/// <summary>The one way a step reaches its state: over the durable stores, read-only in a dry run.</summary>
public static class StepState
{
    /// <param name="dryRun">Reads go to the stores, every write is dropped: a dry run leaves the state as it found it.</param>
    public static StepStateView For(ICursorStore cursors, IDocumentStore documents, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(documents);
        return new StepStateView(cursors, documents, dryRun);
    }

    /// <summary>The same, for a step that also records vote snapshots (<see cref="StepStateView.AddVoteSnapshotAsync"/>).</summary>
    public static StepStateView For(ICursorStore cursors, IDocumentStore documents, IVoteHistory history, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(history);
        return new StepStateView(cursors, documents, dryRun, history);
    }
}

/// <summary>
/// A step's view of its state (<see cref="StepState.For"/>); also an <see cref="ICursorStore"/> and <see cref="IDocumentStore"/>,
/// for the helpers that take those (listings, books). In a dry run every write, the HTTP cache's and the vote
/// snapshots' included, is dropped.
/// </summary>
public sealed class StepStateView(ICursorStore cursorStore, IDocumentStore documentStore, bool dryRun, IVoteHistory? history = null)
    : IStepStateStore, ICursorStore, IDocumentStore
{
    /// <summary>Records a vote snapshot (see <see cref="IVoteHistory.AddVoteSnapshotAsync"/>); false, writing nothing, in a dry run.</summary>
    /// <exception cref="InvalidOperationException">The view was made without a vote history.</exception>
    public Task<bool> AddVoteSnapshotAsync(VoteSnapshot snapshot, CancellationToken cancellationToken) =>
        history is null
            ? throw new InvalidOperationException("This step state has no vote history (StepState.For with an IVoteHistory).")
            : dryRun ? Task.FromResult(false) : history.AddVoteSnapshotAsync(snapshot, cancellationToken);

    public Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken) => cursorStore.GetCursorAsync(scope, cancellationToken);

    public Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken) =>
        dryRun ? Task.CompletedTask : cursorStore.SaveCursorAsync(cursor, cancellationToken);

    public Task<CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken) => cursorStore.GetCachedResponseAsync(key, cancellationToken);

    public Task SaveCachedResponseAsync(CachedResponse response, CancellationToken cancellationToken) =>
        dryRun ? Task.CompletedTask : cursorStore.SaveCachedResponseAsync(response, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string product, string kind, CancellationToken cancellationToken) =>
        documentStore.ListDocumentsAsync(product, kind, cancellationToken);

    public Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken) =>
        dryRun ? Task.CompletedTask : documentStore.SaveDocumentsAsync(documents, cancellationToken);

    public Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        dryRun ? Task.CompletedTask : documentStore.DeleteDocumentsAsync(product, kind, keys, cancellationToken);
}
