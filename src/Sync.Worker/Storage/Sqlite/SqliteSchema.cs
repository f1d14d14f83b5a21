namespace Sync.Worker.Storage.Sqlite;

/// <summary>
/// SQLite schema history. Timestamps are TEXT in one fixed-width UTC form (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>),
/// so plain text comparison and ORDER BY are chronological and every tick round-trips.
/// </summary>
internal static class SqliteSchema
{
    private const string Bootstrap =
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
        """;

    private const string V1 =
        """
        CREATE TABLE IF NOT EXISTS moves (
            product TEXT NOT NULL,
            source_issue TEXT NOT NULL,
            state INTEGER NOT NULL,
            target_issue TEXT NULL,
            target_url TEXT NULL,
            error TEXT NULL,
            attempts INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (product, source_issue));

        CREATE TABLE IF NOT EXISTS moved_comments (
            product TEXT NOT NULL,
            source_issue TEXT NOT NULL,
            source_comment_id TEXT NOT NULL,
            target_comment_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (product, source_issue, source_comment_id));

        CREATE TABLE IF NOT EXISTS sync_cursors (
            scope TEXT NOT NULL PRIMARY KEY,
            updated_at TEXT NULL,
            seen_at_updated_at TEXT NOT NULL,
            saved_at TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS cached_responses (
            cache_key TEXT NOT NULL PRIMARY KEY,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL);

        -- AUTOINCREMENT so ids are never reused: they break ties between snapshots taken at the same instant.
        CREATE TABLE IF NOT EXISTS vote_snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product TEXT NOT NULL,
            issue TEXT NOT NULL,
            taken_at TEXT NOT NULL,
            up INTEGER NOT NULL,
            down INTEGER NOT NULL,
            weighted REAL NOT NULL,
            unique_voters INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_vote_snapshots_issue_taken ON vote_snapshots (product, issue, taken_at);

        CREATE TABLE IF NOT EXISTS audit_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            product TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL,
            dry_run INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON audit_entries (at, id);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_product_at ON audit_entries (product, at, id);

        CREATE TABLE IF NOT EXISTS leases (
            name TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at TEXT NOT NULL);
        """;

    private const string V2 =
        """
        CREATE TABLE IF NOT EXISTS documents (
            product TEXT NOT NULL,
            kind TEXT NOT NULL,
            doc_key TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (product, kind, doc_key));
        """;

    // created_by is the token of the request that inserted the row: an upsert compares it to tell "created" from "merged".
    private const string V3 =
        """
        CREATE TABLE IF NOT EXISTS triggers (
            product TEXT NOT NULL,
            stage TEXT NOT NULL,
            deliveries INTEGER NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            state INTEGER NOT NULL,
            job TEXT NULL,
            run_since TEXT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (product, stage));

        CREATE TABLE IF NOT EXISTS trigger_issues (
            product TEXT NOT NULL,
            stage TEXT NOT NULL,
            issue TEXT NOT NULL,
            PRIMARY KEY (product, stage, issue));
        """;

    // Issue 17: the votes step's own state (duplicate map, moved issues' source readings) leaves the HTTP-cache table for
    // the step-state documents (kinds votes-duplicates and votes-source, by product: a source reading goes to the product
    // whose move ledger names that source). The first duplicate map (votes-duplicates:, never read) is dropped.
    private const string V4 =
        """
        INSERT INTO documents (product, kind, doc_key, body, updated_at)
            SELECT substr(cache_key, 21), 'votes-duplicates', substr(cache_key, 21), body, saved_at
            FROM cached_responses WHERE cache_key LIKE 'votes-duplicates-v2:%'
            ON CONFLICT DO NOTHING;
        INSERT INTO documents (product, kind, doc_key, body, updated_at)
            SELECT DISTINCT m.product, 'votes-source', m.source_issue, c.body, c.saved_at
            FROM cached_responses c JOIN moves m ON c.cache_key = 'votes-source:' || m.source_issue
            WHERE true -- SQLite: an upsert's SELECT ending in a join's ON needs a WHERE to parse
            ON CONFLICT DO NOTHING;
        DELETE FROM cached_responses WHERE cache_key LIKE 'votes-duplicates%' OR cache_key LIKE 'votes-source:%';
        """;

    public static SchemaDefinition Definition { get; } =
        new("", Bootstrap, [new SchemaMigration(1, V1), new SchemaMigration(2, V2), new SchemaMigration(3, V3), new SchemaMigration(4, V4)]);
}
