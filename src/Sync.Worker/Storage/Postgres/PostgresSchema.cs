namespace Sync.Worker.Storage.Postgres;

/// <summary>
/// PostgreSQL schema history. Everything lives in schema <c>issuesync</c> so it can share a database with
/// Hangfire (schema <c>hangfire</c>). Timestamps are timestamptz (microsecond precision).
/// </summary>
internal static class PostgresSchema
{
    public const string Name = "issuesync";

    private const string Bootstrap =
        """
        CREATE SCHEMA IF NOT EXISTS issuesync;
        CREATE TABLE IF NOT EXISTS issuesync.schema_version (
            version integer NOT NULL PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now());
        """;

    private const string V1 =
        """
        CREATE TABLE IF NOT EXISTS issuesync.moves (
            product text NOT NULL,
            source_issue text NOT NULL,
            state integer NOT NULL,
            target_issue text NULL,
            target_url text NULL,
            error text NULL,
            attempts integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (product, source_issue));

        CREATE TABLE IF NOT EXISTS issuesync.moved_comments (
            product text NOT NULL,
            source_issue text NOT NULL,
            source_comment_id text NOT NULL,
            target_comment_id text NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (product, source_issue, source_comment_id));

        CREATE TABLE IF NOT EXISTS issuesync.sync_cursors (
            scope text NOT NULL PRIMARY KEY,
            updated_at timestamptz NULL,
            seen_at_updated_at text NOT NULL,
            saved_at timestamptz NOT NULL);

        CREATE TABLE IF NOT EXISTS issuesync.cached_responses (
            cache_key text NOT NULL PRIMARY KEY,
            etag text NOT NULL,
            body text NOT NULL,
            saved_at timestamptz NOT NULL);

        CREATE TABLE IF NOT EXISTS issuesync.vote_snapshots (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            product text NOT NULL,
            issue text NOT NULL,
            taken_at timestamptz NOT NULL,
            up integer NOT NULL,
            down integer NOT NULL,
            weighted double precision NOT NULL,
            unique_voters integer NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_vote_snapshots_issue_taken ON issuesync.vote_snapshots (product, issue, taken_at);

        CREATE TABLE IF NOT EXISTS issuesync.audit_entries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            product text NOT NULL,
            action text NOT NULL,
            target text NOT NULL,
            detail text NOT NULL,
            dry_run boolean NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON issuesync.audit_entries (at, id);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_product_at ON issuesync.audit_entries (product, at, id);

        CREATE TABLE IF NOT EXISTS issuesync.leases (
            name text NOT NULL PRIMARY KEY,
            owner text NOT NULL,
            expires_at timestamptz NOT NULL);
        """;

    private const string V2 =
        """
        CREATE TABLE IF NOT EXISTS issuesync.documents (
            product text NOT NULL,
            kind text NOT NULL,
            doc_key text NOT NULL,
            body text NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (product, kind, doc_key));
        """;

    // created_by is the token of the request that inserted the row: an upsert compares it to tell "created" from "merged".
    private const string V3 =
        """
        CREATE TABLE IF NOT EXISTS issuesync.triggers (
            product text NOT NULL,
            stage text NOT NULL,
            deliveries integer NOT NULL,
            first_at timestamptz NOT NULL,
            last_at timestamptz NOT NULL,
            state integer NOT NULL,
            job text NULL,
            run_since timestamptz NOT NULL,
            created_by text NOT NULL,
            PRIMARY KEY (product, stage));

        CREATE TABLE IF NOT EXISTS issuesync.trigger_issues (
            product text NOT NULL,
            stage text NOT NULL,
            issue text NOT NULL,
            PRIMARY KEY (product, stage, issue));
        """;

    // The write budget replicas share per tracker token (PostgresWriteBudget): recent write stamps per window, and
    // the serial turn (a lease with an expiry) plus the end of the last serial write. Both stay small: stamps are
    // pruned as they leave their window and a stamp is only added below the window's limit.
    private const string V4 =
        """
        CREATE TABLE IF NOT EXISTS issuesync.write_stamps (
            token_key text NOT NULL,
            slot_id uuid NOT NULL,
            window_name text NOT NULL,
            at timestamptz NOT NULL,
            PRIMARY KEY (token_key, slot_id, window_name));
        CREATE INDEX IF NOT EXISTS ix_write_stamps_window_at ON issuesync.write_stamps (token_key, window_name, at);

        CREATE TABLE IF NOT EXISTS issuesync.write_turns (
            token_key text NOT NULL PRIMARY KEY,
            holder uuid NULL,
            expires_at timestamptz NULL,
            last_write_ended timestamptz NULL);
        """;

    // Issue 17: the votes step's own state (duplicate map, moved issues' source readings) leaves the HTTP-cache table for
    // the step-state documents (kinds votes-duplicates and votes-source, by product: a source reading goes to the product
    // whose move ledger names that source). The first duplicate map (votes-duplicates:, never read) is dropped.
    private const string V5 =
        """
        INSERT INTO issuesync.documents (product, kind, doc_key, body, updated_at)
            SELECT substr(cache_key, 21), 'votes-duplicates', substr(cache_key, 21), body, saved_at
            FROM issuesync.cached_responses WHERE cache_key LIKE 'votes-duplicates-v2:%'
            ON CONFLICT DO NOTHING;
        INSERT INTO issuesync.documents (product, kind, doc_key, body, updated_at)
            SELECT DISTINCT m.product, 'votes-source', m.source_issue, c.body, c.saved_at
            FROM issuesync.cached_responses c JOIN issuesync.moves m ON c.cache_key = 'votes-source:' || m.source_issue
            WHERE true -- SQLite: an upsert's SELECT ending in a join's ON needs a WHERE to parse
            ON CONFLICT DO NOTHING;
        DELETE FROM issuesync.cached_responses WHERE cache_key LIKE 'votes-duplicates%' OR cache_key LIKE 'votes-source:%';
        """;

    public static SchemaDefinition Definition { get; } =
        new($"{Name}.", Bootstrap, [new SchemaMigration(1, V1), new SchemaMigration(2, V2), new SchemaMigration(3, V3), new SchemaMigration(4, V4), new SchemaMigration(5, V5)], OrdinalCollation: "\"C\"");
}
