using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sync.Core.Publishing;
using Sync.Core.Inventory;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Votes;
using Sync.Worker.Configuration;
using Sync.Worker.Dashboard;
using Sync.Worker.Health;
using Sync.Worker.Jobs;
using Sync.Worker.Observability;
using Sync.Worker.Running;
using Sync.Worker.Storage.Postgres;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.CsvImport;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Hosting;

internal static class IssueSyncServiceCollectionExtensions
{
    /// <summary>Everything IssueSync needs: validated options, storage, trackers, pipeline, jobs, metrics, health.</summary>
    public static IServiceCollection AddIssueSync(this IServiceCollection services, IConfiguration configuration, CommandLine commandLine)
    {
        services.TryAddSingletonTimeProvider();
        var section = configuration.GetSection(IssueSyncOptions.SectionName);
        services.AddOptions<IssueSyncOptions>()
            .Bind(section)
            .Configure(options => StageCrons.Bind(section, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IssueSyncOptions>, IssueSyncOptionsValidator>();
        services.AddSingleton<IValidateOptions<IssueSyncOptions>, DashboardAccessValidator>();
        services.AddSingleton<ProductCatalog>();

        services.AddStateStore(configuration);
        var trackerNames = services.AddTrackers(configuration);

        // Every writer gets its clients from this registry: a write to a public project passes the final text check.
        services.AddSingleton<TrackerRegistry>();
        services.Replace(ServiceDescriptor.Singleton<ITrackerRegistry>(sp =>
            PublicWriteGuards.Wrap(sp.GetRequiredService<TrackerRegistry>(), sp.GetRequiredService<ProductCatalog>().All)));
        services.AddIssueSyncMetrics(configuration, serviceMode: !commandLine.Once && commandLine.ImportCsvPath is null);

        // One registration per name in PipelineStages.StepOrder, in any order: the pipeline runs them in the declared order
        // and refuses to start when one is missing or undeclared.
        services.AddSingleton<IPipelineStep, InventoryStep>();
        services.AddSingleton<IMovePlanner, MovePlanner>();
        services.AddSingleton<IPipelineStep>(sp => new MoveStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<IMoveLedger>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<IMovePlanner>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPipelineStep>(sp => new VotesStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<ICursorStore>(),
            sp.GetRequiredService<IVoteHistory>(),
            sp.GetRequiredService<IMoveLedger>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            static product => product.Votes));
        services.AddSingleton<IPipelineStep>(sp => new RiceStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<ICursorStore>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            static product => product.Rice));
        services.AddSingleton<IPipelineStep>(sp => new RoadmapStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<ICursorStore>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IVoteHistory>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<IProjectBoards>(),
            sp.GetRequiredService<TimeProvider>(),
            static product => product.Roadmap));
        services.AddSingleton<IPipelineStep>(sp => new Sync.Core.Lifecycle.LifecycleStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<ICursorStore>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            static product => product.Lifecycle));
        services.AddSingleton<IPipelineStep>(sp => new Sync.Core.Releases.ReleaseNotesStep(
            sp.GetRequiredService<ITrackerRegistry>(),
            sp.GetRequiredService<ICursorStore>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IMoveLedger>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            static product => product.ReleaseNotes));
        services.AddSingleton(sp => new ProductPipeline(
            sp.GetServices<IPipelineStep>(),
            sp.GetRequiredService<ILeaseStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<IssueSyncOptions>>().Value.ProductLease));
        services.AddSingleton<OnceRunner>();
        services.AddSingleton<CsvImports>();
        services.AddSingleton<CsvImportRunner>();
        services.AddSingleton<ReleaseNotesRunner>();

        services.AddIssueSyncJobs(configuration, runServer: !commandLine.Once);
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<DashboardCredentials>();
        services.AddSingleton<DashboardFailureLimiter>();
        services.AddIssueSyncHealthChecks(trackerNames);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[IssueSyncOptionsValidator.ConnectionStringKey];
        if (connectionString is not null)
        {
            services.AddPostgresStorage(connectionString);
        }
        else
        {
            services.AddSingleton<IStateStore>(sp =>
            {
                var path = sp.GetRequiredService<IOptions<IssueSyncOptions>>().Value.Storage.SqlitePath;
                return new SqliteStateStore(Path.GetFullPath(path));
            });
        }

        services.AddSingleton<IMoveLedger>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ICursorStore>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<IVoteHistory>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ILeaseStore>(sp => sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ITriggerStore>(sp => sp.GetRequiredService<IStateStore>());
    }

    /// <summary>
    /// One HTTP client per configured tracker. Registration reads the raw section (options are only validated at
    /// start); a tracker with an unusable kind or URL is skipped here and reported by the validator.
    /// </summary>
    /// <returns>The names of the trackers registered.</returns>
    private static List<string> AddTrackers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrackerInfrastructure();

        // The built-in tracker of CSV imports: no API, no token, no HttpClient; its ideas are in the state store.
        services.AddSingleton(new TrackerRegistration(CsvImportDialect.TrackerName, TrackerKind.CsvImport, CsvImportDialect.Root));
        var names = new List<string>();
        var trackers = configuration.GetSection($"{IssueSyncOptions.SectionName}:Trackers");
        foreach (var section in trackers.GetChildren())
        {
            var options = section.Get<TrackerOptions>() ?? new TrackerOptions();
            if (TrackerDialects.TryParse(options.Kind, out var dialect) && dialect.Kind is var kind
                && Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var apiUrl)
                && !string.IsNullOrWhiteSpace(options.Token)
                && TrackerLimitsBinding.Problem(section, kind) is null)
            {
                services.AddTrackerClient(section.Key, kind, apiUrl, options.Token, TrackerResilienceOptions.Default, TrackerLimitsBinding.Bind(section, kind), options.Username?.Trim());
                names.Add(section.Key);
            }
        }

        return names;
    }
}
