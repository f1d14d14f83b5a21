namespace Sync.Core.Storage;

/// <summary>
/// IssueSync's own durable state. One interface, implemented on SQLite (embedded default) and PostgreSQL;
/// both pass the same contract test suite. Implementations are safe to use from several processes at once.
/// </summary>
public interface IStateStore : IMoveLedger, ICursorStore, IVoteHistory, IAuditLog, ILeaseStore, IDocumentStore, ITriggerStore
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

    /// <summary>
    /// At most <see cref="MoveQuery.Limit"/> moves that <see cref="MoveQuery.Matches"/>, in the query's order (newest change
    /// first); ties are broken ordinally whatever the database's collation.
    /// </summary>
    Task<IReadOnlyList<MoveRecord>> QueryMovesAsync(MoveQuery query, CancellationToken cancellationToken);

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

    /// <summary>At most <see cref="AuditQuery.Limit"/> entries that <see cref="AuditQuery.Matches"/>, newest (highest id) first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);
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

    /// <summary>The lease as stored (possibly expired), or null when nobody took it or it was released.</summary>
    Task<LeaseRecord?> GetLeaseAsync(string name, CancellationToken cancellationToken);
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

    /// <summary>
    /// One document by its key, or null: a single-row read where the store has one (the SQL stores), so a caller that
    /// reads documents one at a time (a CSV import's ideas during a move) does not read the whole kind each time.
    /// </summary>
    async Task<StoredDocument?> GetDocumentAsync(string product, string kind, string key, CancellationToken cancellationToken) =>
        (await ListDocumentsAsync(product, kind, cancellationToken)).FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));

    /// <summary>Inserts or replaces each document by (product, kind, key), all in one transaction.</summary>
    Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken);

    /// <summary>Deletes the documents of one kind with these keys (absent keys are ignored), in one transaction.</summary>
    Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

/// <summary>
/// Pending triggers: what asked for a run of a product's stage (webhook deliveries, dashboard actions) and has not been
/// taken by a run yet. Shared by every replica, so requests arriving anywhere collapse into one pending trigger (and one
/// queued run) per product and stage. Every method is atomic against the others from any process.
/// </summary>
public interface ITriggerStore
{
    /// <summary>
    /// Merges <paramref name="request"/> into the pending trigger of its product and stage, creating it
    /// (<see cref="TriggerRun.Unarmed"/>) when none is pending: adds its deliveries, the issues it names, and widens the
    /// first/last times. Of several callers racing on a missing trigger exactly one is told it created it.
    /// </summary>
    Task<TriggerAdded> AddTriggerAsync(TriggerRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set of a pending trigger's run: sets <paramref name="next"/> (and its since-time to
    /// <paramref name="at"/>) only while the stored run equals <paramref name="expected"/>. True when it was set; false
    /// when the run differs or nothing is pending. Of several callers with the same expectation at most one wins.
    /// </summary>
    Task<bool> SetTriggerRunAsync(string product, string stage, TriggerRun expected, TriggerRun next, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Removes and returns the pending triggers of these stages of one product, with every issue they name. A request
    /// merged concurrently is either in what is returned or starts a new pending trigger; it is never lost.
    /// </summary>
    Task<IReadOnlyList<PendingTrigger>> TakeTriggersAsync(string product, IReadOnlyCollection<string> stages, CancellationToken cancellationToken);

    /// <summary>The pending triggers of one product (or of every product when null), by product then stage (ordinal).</summary>
    Task<IReadOnlyList<PendingTrigger>> ListTriggersAsync(string? product, CancellationToken cancellationToken);
}
