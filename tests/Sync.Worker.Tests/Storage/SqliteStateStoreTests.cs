using Microsoft.Data.Sqlite;
using Sync.Core.Storage;
using Sync.Worker.Storage.Sqlite;

namespace Sync.Worker.Tests.Storage;

/// <summary>The contract on SQLite: a temporary database file per test.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract
{
    protected override ValueTask<IStoreDatabase> OpenTestDatabaseAsync() => CreateEmptyDatabaseAsync();

    protected override ValueTask<IStoreDatabase> CreateEmptyDatabaseAsync() =>
        ValueTask.FromResult<IStoreDatabase>(new SqliteTestDatabase());

    [Fact]
    public void Constructor_WhenTheDirectoryIsMissing_CreatesIt()
    {
        var root = Path.Combine(Path.GetTempPath(), "issuesync-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SqliteStateStore(Path.Combine(root, "data", "issuesync.db"));

            Assert.True(Directory.Exists(Path.Combine(root, "data")));
            Assert.Equal(Path.Combine(root, "data", "issuesync.db"), store.DatabasePath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_PutsTheDatabaseInWalMode()
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteStateStore)Store).DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    private sealed class SqliteTestDatabase : IStoreDatabase
    {
        private readonly string directory = Path.Combine(Path.GetTempPath(), "issuesync-tests", Guid.NewGuid().ToString("N"));

        // A subdirectory that does not exist yet, so every test also covers directory creation.
        private string DatabasePath => Path.Combine(directory, "data", "issuesync.db");

        public string SchemaVersionTable => "schema_version";

        public IStateStore CreateStore() => new SqliteStateStore(DatabasePath);

        public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            // Pooled connections keep the file open; release them so the directory can go.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp file must not fail the test.
            }

            return ValueTask.CompletedTask;
        }
    }
}
