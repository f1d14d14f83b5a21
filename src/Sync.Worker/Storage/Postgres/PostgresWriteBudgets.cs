using Microsoft.Extensions.Logging;
using Npgsql;
using Sync.Worker.Trackers;

namespace Sync.Worker.Storage.Postgres;

/// <summary>Gives each tracker a <see cref="PostgresWriteBudget"/> of its token on the replicas' shared database.</summary>
internal sealed class PostgresWriteBudgets(NpgsqlDataSource dataSource, TimeProvider time, ILoggerFactory loggers) : ISharedWriteBudgets
{
    public IWriteBudget For(string trackerName, TokenKey token) =>
        new PostgresWriteBudget(dataSource, trackerName, token, time, loggers.CreateLogger<PostgresWriteBudget>());
}
