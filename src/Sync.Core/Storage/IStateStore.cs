namespace Sync.Core.Storage;

/// <summary>
/// IssueSync's own durable state. One interface, implemented on SQLite (embedded default) and PostgreSQL;
/// both pass the same contract test suite. Implementations are safe to use from several processes at once.
/// </summary>
public interface IStateStore : IMoveLedger, ICursorStore, IVoteHistory, IAuditLog, ILeaseStore, IDocumentStore
{
    /// <summary>Creates or upgrades the schema. Safe when several processes call it at the same time.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query (used by <c>/readyz</c>).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

/// <summary>Source issue → target issue, with the step each move has reached.</summary>
public interface IMoveLedger
{
    Task<MoveRecord?> GetMoveAsync(string product, string sourceIssue, CancellationToken cancellationToken);

    Task<IReadOnlyList<MoveRecord>> ListMovesAsync(string product, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record keyed by (product, source issue).</summary>
    Task SaveMoveAsync(MoveRecord move, CancellationToken cancellationToken);

    /// <summary>
    /// Records the intent to start a move: inserts a record in <see cref="MoveState.Intent"/> unless one exists.
    /// Returns the stored record (the existing one when there was one).
    /// </summary>
    Task<MoveRecord> RecordIntentAsync(string product, string sourceIssue, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<MoveCommentRecord>> ListMovedCommentsAsync(string product, string sourceIssue, CancellationToken cancellationToken);

    /// <summary>Inserts the comment mapping; a second save of the same source comment replaces the target id.</summary>
    Task SaveMovedCommentAsync(MoveCommentRecord comment, CancellationToken cancellationToken);
}

/// <summary>Incremental-listing cursors and conditional-request validators per scope.</summary>
public interface ICursorStore
{
    Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken);

    Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken);

    Task<CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken);

    Task SaveCachedResponseAsync(CachedResponse response, CancellationToken cancellationToken);
}

/// <summary>Vote snapshots over time, so a demand signal has a trend.</summary>
public interface IVoteHistory
{
    /// <summary>
    /// Stores the snapshot unless the latest stored snapshot of the same (product, issue) has the same counts.
    /// Returns true when a row was written.
    /// </summary>
    Task<bool> AddVoteSnapshotAsync(VoteSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Snapshots of one issue taken at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<VoteSnapshot>> ListVoteSnapshotsAsync(string product, string issue, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The latest snapshot of one issue taken at or before <paramref name="at"/>.</summary>
    Task<VoteSnapshot?> GetVoteSnapshotAtAsync(string product, string issue, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Append-only record of every write IssueSync makes to a tracker (and of redactions).</summary>
public interface IAuditLog
{
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="product"/> null lists every product.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? product, int limit, CancellationToken cancellationToken);
}

/// <summary>Named, expiring leases that guard work which must not run twice at once (across processes).</summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease when it is free, expired, or already held by <paramref name="owner"/> (which renews it).
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases the lease if <paramref name="owner"/> holds it.</summary>
    Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken);
}

/// <summary>
/// Small per-product JSON documents keyed by (product, kind, key) and listed by kind: what a step keeps about
/// each public issue between passes (its demand, its RICE score and comment, its roadmap entry) so a pass with
/// nothing changed needs no tracker request to know the current state.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Every document of one kind of one product, ordered by key (ordinal).</summary>
    Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string product, string kind, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces each document by (product, kind, key), all in one transaction.</summary>
    Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken);

    /// <summary>Deletes the documents of one kind with these keys (absent keys are ignored), in one transaction.</summary>
    Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
