using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sync.Core.Storage;
using Sync.Worker.Trackers;

namespace Sync.Worker.Storage.Postgres;

internal static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// State in PostgreSQL (several replicas may share the database), and with it the trackers' write budgets,
    /// shared per token by those replicas. One data source (one connection pool) serves both.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IStateStore>(sp => new PostgresStateStore(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ISharedWriteBudgets>(sp => new PostgresWriteBudgets(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
