namespace Sync.Worker.Tests.Infrastructure;

/// <summary>
/// One fresh PostgreSQL database per test class (<c>IClassFixture</c>). When no server is configured the
/// fixture stays empty and <see cref="GetConnectionString"/> skips or fails each test, which xunit reports per
/// test rather than as a fixture error.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresTestDatabase? database;

    public string GetConnectionString()
    {
        if (database is not null)
        {
            return database.ConnectionString;
        }

        // Skips or fails the calling test; returning normally would mean a server appeared after start-up.
        PostgresTestDatabase.RequireAdminConnectionString();
        throw new InvalidOperationException("ISSUESYNC_TEST_PG was set after the PostgreSQL fixture started.");
    }

    public async ValueTask InitializeAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresTestDatabase.AdminConnectionStringVariable)))
        {
            database = await PostgresTestDatabase.CreateAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
