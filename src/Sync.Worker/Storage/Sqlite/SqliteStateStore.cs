using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sync.Worker.Storage.Sqlite;

/// <summary>
/// Embedded state store in one SQLite file. WAL lets readers run beside the single writer; a busy timeout makes
/// writers from other processes wait instead of failing. Timestamps are stored as UTC text with 100 ns (tick)
/// precision, so values round-trip exactly (the offset is normalised to UTC; the instant is preserved).
/// </summary>
internal sealed class SqliteStateStore(string databasePath) : SqlStateStore(SqliteSchema.Definition)
{
    /// <summary>Where the worker keeps its state when no database is configured.</summary>
    public const string DefaultDatabasePath = "./data/issuesync.db";

    private const int BusyTimeoutMilliseconds = 30_000;
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string connectionString = BuildConnectionString(databasePath);

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(databasePath);

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private protected override async ValueTask<DbTransaction> BeginMigrationAsync(
        DbConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is a property of the file, so setting it once here covers every later connection.
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // BEGIN IMMEDIATE takes the write lock up front: a second process migrating at the same time waits here
        // (busy timeout) and then finds the schema already current, instead of failing mid-way on a lock upgrade.
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    private protected override object ToDb(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private protected override DateTimeOffset FromDb(object value) =>
        new(DateTime.ParseExact(
            (string)value,
            TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    private static string BuildConnectionString(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }
}
