using Npgsql;

namespace Sync.Worker.Tests.Infrastructure;

/// <summary>
/// A uniquely named, empty PostgreSQL database for one test or fixture, dropped on dispose. The server comes
/// from <c>ISSUESYNC_TEST_PG</c> (an admin connection string); <c>./scripts/test.sh</c> starts one and sets it.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string AdminConnectionStringVariable = "ISSUESYNC_TEST_PG";

    private readonly string adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connects to the new database with the admin's credentials.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates the database, or ends the calling test: skipped when no server is configured, failed under
    /// <c>CI=true</c> so a CI run can never pass with PostgreSQL silently untested.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var admin = RequireAdminConnectionString();
        var name = "issuesync_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(admin, name, connectionString);
    }

    /// <summary>The admin connection string, or skip/fail the current test as <see cref="CreateAsync"/> describes.</summary>
    public static string RequireAdminConnectionString()
    {
        var admin = Environment.GetEnvironmentVariable(AdminConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(admin))
        {
            return admin;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"PostgreSQL tests cannot be skipped under CI=true: {AdminConnectionStringVariable} is not set");
        }

        Assert.Skip($"PostgreSQL tests skipped: {AdminConnectionStringVariable} is not set (./scripts/test.sh starts a server and sets it).");
        return admin!;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();

        // FORCE ends connections still pooled by the code under test, which would otherwise block the drop.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
