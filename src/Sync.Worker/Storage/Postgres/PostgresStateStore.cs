using System.Data.Common;
using Dapper;
using Npgsql;

namespace Sync.Worker.Storage.Postgres;

/// <summary>
/// State store in PostgreSQL schema <c>issuesync</c>, for several worker replicas sharing one database.
/// Timestamps are timestamptz: instants round-trip to the microsecond and come back with offset zero.
/// </summary>
internal sealed class PostgresStateStore : SqlStateStore, IAsyncDisposable, IDisposable
{
    // Fixed advisory-lock key ("IssueSyn" in ASCII) that serialises migrators across processes.
    private const long MigrationLockKey = 0x4973_7375_6553_796E;

    // Two-key advisory locks live in a key space apart from the single bigint key above.
    private const int VoteHistoryLockSpace = 0x4953_5648;

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;

    /// <summary>Uses a data source the caller owns (and disposes).</summary>
    public PostgresStateStore(NpgsqlDataSource dataSource)
        : base(PostgresSchema.Definition)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    /// <summary>Builds and owns a data source for <paramref name="connectionString"/>.</summary>
    public PostgresStateStore(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString))
    {
        ownsDataSource = true;
    }

    /// <summary>The schema holding IssueSync's tables.</summary>
    public static string SchemaName => PostgresSchema.Name;

    public ValueTask DisposeAsync() => ownsDataSource ? dataSource.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (ownsDataSource)
        {
            dataSource.Dispose();
        }
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    private protected override async ValueTask<DbTransaction> BeginMigrationAsync(
        DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Replicas starting together queue here; each later one then sees the schema current and does nothing.
            // The lock is released with the transaction, even if this process dies.
            await connection.ExecuteAsync(Command(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = MigrationLockKey }, cancellationToken, transaction));
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private protected override Task LockVoteHistoryAsync(
        DbConnection connection, DbTransaction transaction, string product, string issue, CancellationToken cancellationToken) =>
        // Under READ COMMITTED two "insert unless unchanged" statements would both see the old latest row;
        // a per-issue lock makes the compare-and-insert atomic.
        connection.ExecuteAsync(Command(
            "SELECT pg_advisory_xact_lock(@Space, hashtext(@Key))",
            new { Space = VoteHistoryLockSpace, Key = product + "\n" + issue },
            cancellationToken,
            transaction));

    // Npgsql only writes UTC values to timestamptz.
    private protected override object ToDb(DateTimeOffset value) => value.UtcDateTime;

    private protected override DateTimeOffset FromDb(object value) => value switch
    {
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        DateTimeOffset dateTimeOffset => dateTimeOffset,
        _ => throw new InvalidOperationException($"Unexpected timestamp value of type {value.GetType()}."),
    };
}
