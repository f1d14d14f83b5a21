using Sync.Core.Storage;

namespace Sync.Worker.Storage;

/// <summary>
/// The statements both dialects share. SQLite (3.35+) and PostgreSQL accept the same upsert, RETURNING-free
/// INSERT … SELECT and LIMIT syntax, so only table qualification and the name of the ordinal collation (<paramref name="c"/>)
/// differ; they are baked in once here.
/// </summary>
internal sealed class StoreSql(string p, string c)
{
    private const string MoveColumns =
        "product AS Product, source_issue AS SourceIssue, state AS State, target_issue AS TargetIssue, " +
        "target_url AS TargetUrl, error AS Error, attempts AS Attempts, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private const string VoteColumns =
        "product AS Product, issue AS Issue, taken_at AS TakenAt, up AS Up, down AS Down, weighted AS Weighted, " +
        "unique_voters AS UniqueVoters";

    private const string AuditColumns =
        "id AS Id, at AS At, product AS Product, action AS Action, target AS Target, detail AS Detail, dry_run AS DryRun";

    public string SelectSchemaVersion { get; } = $"SELECT MAX(version) FROM {p}schema_version";

    public string InsertSchemaVersion { get; } = $"INSERT INTO {p}schema_version (version) VALUES (@Version)";

    public string Ping { get; } = "SELECT 1";

    public string GetMove { get; } =
        $"SELECT {MoveColumns} FROM {p}moves WHERE product = @Product AND source_issue = @SourceIssue";

    public string ListMoves { get; } =
        $"SELECT {MoveColumns} FROM {p}moves WHERE product = @Product ORDER BY created_at, source_issue";

    /// <summary>
    /// A page of moves, newest change first; ties ordered by product then source issue, compared ordinally on both dialects
    /// (PostgreSQL's default collation would order text differently from SQLite's). Only the filters in use are in the
    /// statement: PostgreSQL cannot type an untyped null parameter.
    /// </summary>
    public string QueryMoves(bool product, MoveStatus? status, bool before)
    {
        var parked = $"substr(error, 1, {MoveRecord.ParkedPrefix.Length}) = '{MoveRecord.ParkedPrefix}'";
        List<string> where = [];
        if (product)
        {
            where.Add("product = @Product");
        }

        if (status is { } s)
        {
            where.Add(s switch
            {
                MoveStatus.Done => $"error IS NULL AND state = {(int)MoveState.Completed}",
                MoveStatus.InProgress => $"error IS NULL AND state <> {(int)MoveState.Completed}",
                MoveStatus.Failed => $"error IS NOT NULL AND NOT ({parked})",
                MoveStatus.Parked => $"error IS NOT NULL AND {parked}",
                _ => throw new ArgumentOutOfRangeException(nameof(status), s, "Unknown move status."),
            });
        }

        if (before)
        {
            where.Add(
                $"(updated_at < @BeforeAt OR (updated_at = @BeforeAt AND (product COLLATE {c} < @BeforeProduct "
                + $"OR (product = @BeforeProduct AND source_issue COLLATE {c} < @BeforeSource))))");
        }

        var filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where.Select(w => $"({w})"));
        return $"SELECT {MoveColumns} FROM {p}moves{filter} ORDER BY updated_at DESC, product COLLATE {c} DESC, source_issue COLLATE {c} DESC LIMIT @Limit";
    }

    public string UpsertMove { get; } =
        $"""
        INSERT INTO {p}moves (product, source_issue, state, target_issue, target_url, error, attempts, created_at, updated_at)
        VALUES (@Product, @SourceIssue, @State, @TargetIssue, @TargetUrl, @Error, @Attempts, @CreatedAt, @UpdatedAt)
        ON CONFLICT (product, source_issue) DO UPDATE SET
            state = excluded.state, target_issue = excluded.target_issue, target_url = excluded.target_url,
            error = excluded.error, attempts = excluded.attempts, created_at = excluded.created_at,
            updated_at = excluded.updated_at
        """;

    public string InsertIntent { get; } =
        $"""
        INSERT INTO {p}moves (product, source_issue, state, target_issue, target_url, error, attempts, created_at, updated_at)
        VALUES (@Product, @SourceIssue, @State, NULL, NULL, NULL, 0, @At, @At)
        ON CONFLICT (product, source_issue) DO NOTHING
        """;

    public string ListMovedComments { get; } =
        $"""
        SELECT product AS Product, source_issue AS SourceIssue, source_comment_id AS SourceCommentId,
               target_comment_id AS TargetCommentId, created_at AS CreatedAt
        FROM {p}moved_comments WHERE product = @Product AND source_issue = @SourceIssue
        ORDER BY created_at, source_comment_id
        """;

    public string UpsertMovedComment { get; } =
        $"""
        INSERT INTO {p}moved_comments (product, source_issue, source_comment_id, target_comment_id, created_at)
        VALUES (@Product, @SourceIssue, @SourceCommentId, @TargetCommentId, @CreatedAt)
        ON CONFLICT (product, source_issue, source_comment_id) DO UPDATE SET
            target_comment_id = excluded.target_comment_id, created_at = excluded.created_at
        """;

    public string GetCursor { get; } =
        $"""
        SELECT scope AS Scope, updated_at AS UpdatedAt, seen_at_updated_at AS SeenAtUpdatedAt, saved_at AS SavedAt
        FROM {p}sync_cursors WHERE scope = @Scope
        """;

    public string UpsertCursor { get; } =
        $"""
        INSERT INTO {p}sync_cursors (scope, updated_at, seen_at_updated_at, saved_at)
        VALUES (@Scope, @UpdatedAt, @SeenAtUpdatedAt, @SavedAt)
        ON CONFLICT (scope) DO UPDATE SET
            updated_at = excluded.updated_at, seen_at_updated_at = excluded.seen_at_updated_at, saved_at = excluded.saved_at
        """;

    public string GetCachedResponse { get; } =
        $"SELECT cache_key AS Key, etag AS ETag, body AS Body, saved_at AS SavedAt FROM {p}cached_responses WHERE cache_key = @Key";

    public string UpsertCachedResponse { get; } =
        $"""
        INSERT INTO {p}cached_responses (cache_key, etag, body, saved_at) VALUES (@Key, @ETag, @Body, @SavedAt)
        ON CONFLICT (cache_key) DO UPDATE SET etag = excluded.etag, body = excluded.body, saved_at = excluded.saved_at
        """;

    // "Latest" is by taken_at (id breaks ties), so a late-arriving older snapshot is compared with the newest.
    public string InsertVoteSnapshotIfChanged { get; } =
        $"""
        INSERT INTO {p}vote_snapshots (product, issue, taken_at, up, down, weighted, unique_voters)
        SELECT @Product, @Issue, @TakenAt, @Up, @Down, @Weighted, @UniqueVoters
        WHERE NOT EXISTS (
            SELECT 1 FROM (
                SELECT up, down, weighted, unique_voters FROM {p}vote_snapshots
                WHERE product = @Product AND issue = @Issue
                ORDER BY taken_at DESC, id DESC LIMIT 1) latest
            WHERE latest.up = @Up AND latest.down = @Down AND latest.weighted = @Weighted
              AND latest.unique_voters = @UniqueVoters)
        """;

    public string ListVoteSnapshots { get; } =
        $"""
        SELECT {VoteColumns} FROM {p}vote_snapshots
        WHERE product = @Product AND issue = @Issue AND taken_at >= @Since ORDER BY taken_at, id
        """;

    public string GetVoteSnapshotAt { get; } =
        $"""
        SELECT {VoteColumns} FROM {p}vote_snapshots
        WHERE product = @Product AND issue = @Issue AND taken_at <= @At ORDER BY taken_at DESC, id DESC LIMIT 1
        """;

    public string InsertAudit { get; } =
        $"INSERT INTO {p}audit_entries (at, product, action, target, detail, dry_run) VALUES (@At, @Product, @Action, @Target, @Detail, @DryRun)";

    public string ListAudit { get; } = $"SELECT {AuditColumns} FROM {p}audit_entries ORDER BY at DESC, id DESC LIMIT @Limit";

    public string ListAuditForProduct { get; } =
        $"SELECT {AuditColumns} FROM {p}audit_entries WHERE product = @Product ORDER BY at DESC, id DESC LIMIT @Limit";

    /// <summary>A page of the audit log, newest (highest id) first, with only the filters in use in the statement.</summary>
    public string QueryAudit(bool product, bool action, bool before)
    {
        List<string> where = [];
        if (product)
        {
            where.Add("product = @Product");
        }

        if (action)
        {
            where.Add("action = @Action");
        }

        if (before)
        {
            where.Add("id < @BeforeId");
        }

        var filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        return $"SELECT {AuditColumns} FROM {p}audit_entries{filter} ORDER BY id DESC LIMIT @Limit";
    }

    // One statement decides and writes, so two processes racing for a lease cannot both see it as free.
    public string AcquireLease { get; } =
        $"""
        INSERT INTO {p}leases AS l (name, owner, expires_at) VALUES (@Name, @Owner, @ExpiresAt)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE l.expires_at <= @Now OR l.owner = excluded.owner
        """;

    public string ReleaseLease { get; } = $"DELETE FROM {p}leases WHERE name = @Name AND owner = @Owner";

    // No ORDER BY: the store sorts by key in .NET (ordinal), which neither dialect's collation can be relied on for.
    public string ListDocuments { get; } =
        $"""
        SELECT product AS Product, kind AS Kind, doc_key AS Key, body AS Body, updated_at AS UpdatedAt
        FROM {p}documents WHERE product = @Product AND kind = @Kind
        """;

    public string GetDocument { get; } =
        $"""
        SELECT product AS Product, kind AS Kind, doc_key AS Key, body AS Body, updated_at AS UpdatedAt
        FROM {p}documents WHERE product = @Product AND kind = @Kind AND doc_key = @Key
        """;

    public string UpsertDocument { get; } =
        $"""
        INSERT INTO {p}documents (product, kind, doc_key, body, updated_at) VALUES (@Product, @Kind, @Key, @Body, @UpdatedAt)
        ON CONFLICT (product, kind, doc_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
        """;

    public string DeleteDocument { get; } =
        $"DELETE FROM {p}documents WHERE product = @Product AND kind = @Kind AND doc_key = @Key";

    public string GetLease { get; } = $"SELECT name AS Name, owner AS Owner, expires_at AS ExpiresAt FROM {p}leases WHERE name = @Name";

    private const string TriggerColumns =
        "product AS Product, stage AS Stage, deliveries AS Deliveries, first_at AS FirstAt, last_at AS LastAt, state AS State, " +
        "job AS Job, run_since AS RunSince, created_by AS CreatedBy";

    // One statement inserts or merges, so two processes adding to a missing trigger cannot both create it; created_by is
    // only written on insert, so the caller whose token comes back created the row. CASE, not MIN/LEAST: both dialects.
    public string UpsertTrigger { get; } =
        $"""
        INSERT INTO {p}triggers AS t (product, stage, deliveries, first_at, last_at, state, job, run_since, created_by)
        VALUES (@Product, @Stage, @Deliveries, @FirstAt, @LastAt, @State, NULL, @LastAt, @Token)
        ON CONFLICT (product, stage) DO UPDATE SET
            deliveries = t.deliveries + excluded.deliveries,
            first_at = CASE WHEN excluded.first_at < t.first_at THEN excluded.first_at ELSE t.first_at END,
            last_at = CASE WHEN excluded.last_at > t.last_at THEN excluded.last_at ELSE t.last_at END
        RETURNING {TriggerColumns}
        """;

    public string InsertTriggerIssue { get; } =
        $"INSERT INTO {p}trigger_issues (product, stage, issue) VALUES (@Product, @Stage, @Issue) ON CONFLICT (product, stage, issue) DO NOTHING";

    // A null job is compared as '' (job ids are never empty), which also spares PostgreSQL an untyped null parameter.
    public string SetTriggerRun { get; } =
        $"""
        UPDATE {p}triggers SET state = @State, job = @Job, run_since = @At
        WHERE product = @Product AND stage = @Stage AND state = @ExpectedState AND COALESCE(job, '') = @ExpectedJob
        """;

    // The trigger row goes first: on PostgreSQL its row lock makes a concurrent upsert wait until the issues are gone too.
    public string TakeTrigger { get; } = $"DELETE FROM {p}triggers WHERE product = @Product AND stage = @Stage RETURNING {TriggerColumns}";

    public string TakeTriggerIssues { get; } =
        $"DELETE FROM {p}trigger_issues WHERE product = @Product AND stage = @Stage RETURNING issue";

    public string ListTriggers { get; } = $"SELECT {TriggerColumns} FROM {p}triggers";

    public string ListTriggersForProduct { get; } = $"SELECT {TriggerColumns} FROM {p}triggers WHERE product = @Product";

    public string ListTriggerIssues { get; } = $"SELECT product AS Product, stage AS Stage, issue AS Issue FROM {p}trigger_issues";

    public string ListTriggerIssuesForProduct { get; } =
        $"SELECT product AS Product, stage AS Stage, issue AS Issue FROM {p}trigger_issues WHERE product = @Product";
}
