using Npgsql;
using Sync.Core.Storage;
using Sync.Worker.Storage.Postgres;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Storage;

/// <summary>The contract on a real PostgreSQL: one fresh database for the class, more where a test needs empty.</summary>
public sealed class PostgresStateStoreTests(PostgresDatabaseFixture fixture) : StateStoreContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override ValueTask<IStoreDatabase> OpenTestDatabaseAsync() =>
        ValueTask.FromResult<IStoreDatabase>(new PostgresStoreDatabase(fixture.GetConnectionString(), owned: null));

    protected override async ValueTask<IStoreDatabase> CreateEmptyDatabaseAsync()
    {
        var database = await PostgresTestDatabase.CreateAsync(Ct);
        return new PostgresStoreDatabase(database.ConnectionString, database);
    }

    [Fact]
    public async Task Migrate_CreatesTablesInTheIssueSyncSchemaOnly()
    {
        await using var connection = new NpgsqlConnection(fixture.GetConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(table_schema, ',') FROM information_schema.tables WHERE table_name = 'leases'",
            connection);

        Assert.Equal("issuesync", await command.ExecuteScalarAsync(Ct));
        Assert.Equal("issuesync", PostgresStateStore.SchemaName);
    }

    [Fact]
    public async Task Store_BuiltFromACallerOwnedDataSource_Works()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.GetConnectionString());
        var store = new PostgresStateStore(dataSource);

        await store.MigrateAsync(Ct);

        Assert.True(await store.TryAcquireLeaseAsync(Unique("lease"), "w", T0, TimeSpan.FromMinutes(1), Ct));
    }

    private sealed class PostgresStoreDatabase(string connectionString, PostgresTestDatabase? owned) : IStoreDatabase
    {
        private readonly List<PostgresStateStore> stores = [];

        public string SchemaVersionTable => "issuesync.schema_version";

        public IStateStore CreateStore()
        {
            var store = new PostgresStateStore(connectionString);
            stores.Add(store);
            return store;
        }

        public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
