using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Npgsql;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Jobs;

internal static class HangfireServiceCollectionExtensions
{
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// Hangfire on PostgreSQL when <c>ConnectionStrings:IssueSync</c> is set, else Hangfire.InMemory; the server,
    /// the recurring-job registrar and the jobs.
    /// </summary>
    public static IServiceCollection AddIssueSyncJobs(this IServiceCollection services, IConfiguration configuration, bool runServer)
    {
        var connectionString = configuration[IssueSyncOptionsValidator.ConnectionStringKey];
        services.AddHangfire((provider, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (connectionString is null)
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
                return;
            }

            InstallSchema(connectionString);
            config.UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    PrepareSchemaIfNecessary = false,
                    // Fail loudly instead of running silently without storage after ~30 s of retries.
                    AllowDegradedModeWithoutStorage = false,
                    StartupConnectionMaxRetries = 3,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
        });

        services.AddSingleton<TriggerQueue>();
        services.AddSingleton<IdleMemoryTrim>();
        services.AddSingleton<ProductRunner>();
        services.AddTransient<ProductPipelineJob>();
        services.AddTransient<TriggerRunJob>();
        services.AddTransient<IssueResyncJob>();
        if (runServer)
        {
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"issuesync:{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            });
            services.AddHostedService<RecurringJobRegistrar>();
            services.AddHostedService<TriggerSweeper>();
        }

        return services;
    }

    /// <summary>
    /// Installs or upgrades Hangfire's schema under an advisory lock, so replicas starting at once against an
    /// empty database do not race on CREATE statements (Hangfire.PostgreSql's own install does race).
    /// </summary>
    private static void InstallSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('issuesync:hangfire-schema'))", connection))
        {
            lockCommand.ExecuteNonQuery();
        }

        try
        {
            PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('issuesync:hangfire-schema'))", connection);
            unlock.ExecuteNonQuery();
        }
    }
}
