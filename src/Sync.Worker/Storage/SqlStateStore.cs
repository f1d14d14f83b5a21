using System.Data.Common;
using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

/// <summary>
/// <see cref="IStateStore"/> over ADO.NET and Dapper. Dialects supply connections, the schema history and
/// timestamp conversion; the statements and the migrator are shared so both stores behave identically.
/// </summary>
internal abstract partial class SqlStateStore : IStateStore
{
    private protected SqlStateStore(SchemaDefinition schema)
    {
        Schema = schema;
        Sql = new StoreSql(schema.TablePrefix, schema.OrdinalCollation);
    }

    private protected SchemaDefinition Schema { get; }

    private protected StoreSql Sql { get; }

    /// <summary>The newest schema version this build can create.</summary>
    public int LatestSchemaVersion => Schema.LatestVersion;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken);
        await connection.ExecuteAsync(Command(Schema.Bootstrap, null, cancellationToken, transaction));
        var current = await connection.ExecuteScalarAsync<int?>(
            Command(Sql.SelectSchemaVersion, null, cancellationToken, transaction)) ?? 0;
        if (current > Schema.LatestVersion)
        {
            throw new SchemaVersionException(current, Schema.LatestVersion);
        }

        foreach (var migration in Schema.Migrations.Where(m => m.Version > current))
        {
            await connection.ExecuteAsync(Command(migration.Sql, null, cancellationToken, transaction));
            await connection.ExecuteAsync(
                Command(Sql.InsertSchemaVersion, new { migration.Version }, cancellationToken, transaction));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The version recorded in the database (which must have been migrated at least once).</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(Command(Sql.SelectSchemaVersion, null, cancellationToken)) ?? 0;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int>(Command(Sql.Ping, null, cancellationToken)) == 1;
        }
        catch (DbException)
        {
            // Readiness wants a yes/no; the cause surfaces through the operations that actually fail.
            return false;
        }
    }

    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts the transaction migrations run in, holding whatever lock serialises concurrent migrators.</summary>
    private protected abstract ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Called inside the vote-snapshot transaction before the compare-and-insert, for dialects where a single
    /// statement does not already exclude a concurrent writer.
    /// </summary>
    private protected virtual Task LockVoteHistoryAsync(
        DbConnection connection, DbTransaction transaction, string product, string issue, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private protected abstract object ToDb(DateTimeOffset value);

    private protected abstract DateTimeOffset FromDb(object value);

    private protected static CommandDefinition Command(
        string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
