using Microsoft.Extensions.DependencyInjection;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers;

namespace Sync.Bench.Support;

/// <summary>
/// IssueSync's real tracker client for one sandbox instance on the bench clock, with a fresh SQLite state store on
/// a temporary file as cursor and document store, write ceilings lifted; counts what each action costs on both
/// sides (IssueSync's <see cref="RequestCounter"/> and the sandbox's own stats).
/// </summary>
internal sealed class RequestBenchHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _directory;
    private readonly SandboxServer _sandbox;
    private readonly SandboxInstance _instance;

    private RequestBenchHarness(ServiceProvider provider, SqliteStateStore store, string directory, SandboxServer sandbox, SandboxInstance instance, string tracker)
    {
        _provider = provider;
        Store = store;
        _directory = directory;
        _sandbox = sandbox;
        _instance = instance;
        Tracker = tracker;
    }

    public string Tracker { get; }

    public SqliteStateStore Store { get; }

    public ITrackerRegistry Trackers => _provider.GetRequiredService<ITrackerRegistry>();

    public static async Task<RequestBenchHarness> CreateAsync(
        SandboxServer sandbox, SandboxInstance instance, string tracker, TrackerKind kind, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(instance);
        var directory = Directory.CreateTempSubdirectory("issuesync-bench-").FullName;
        var store = new SqliteStateStore(Path.Combine(directory, "state.db"));
        await store.MigrateAsync(cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<ICursorStore>(store);
        services.AddLogging();
        services.AddTrackerInfrastructure();

        // Pacing is measured by the ceilings section; here it would only add waiting. The request pacer (GitLab 2,000 a
        // minute) is lifted too: on the hand-moved BenchClock its window would never end.
        var limits = TrackerLimitsOptions.ForKind(kind) with
        {
            RequestsPerMinute = 0, RequestsPerHour = 0,
            WritesPerMinute = 100_000, WritesPerHour = 1_000_000, IssueCreatesPerMinute = 100_000, NoteCreatesPerMinute = 100_000,
            MinWriteSpacing = TimeSpan.Zero,
        };
        services.AddTrackerClient(tracker, kind, instance.ApiUrl, instance.Token, TrackerResilienceOptions.Default, limits);
        return new RequestBenchHarness(services.BuildServiceProvider(), store, directory, sandbox, instance, tracker);
    }

    /// <summary>Runs <paramref name="action"/> and returns the requests it made, as counted on both sides.</summary>
    public async Task<RequestCount> MeasureAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var counter = _provider.GetRequiredService<RequestCounter>();
        var ours = counter.Snapshot().TotalFor(Tracker);
        var before = _sandbox.Stats.Snapshot();
        await action();
        var after = _sandbox.Stats.Snapshot();
        var endpoints = after.Instances.GetValueOrDefault(_instance.Name, new Dictionary<string, long>())
            .Select(e => (e.Key, Count: e.Value - before.For(_instance.Name, e.Key)))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
        return new RequestCount(
            counter.Snapshot().TotalFor(Tracker) - ours,
            after.ForInstance(_instance.Name) - before.ForInstance(_instance.Name),
            endpoints.Where(e => !e.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(e => e.Value),
            endpoints);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

/// <param name="Ours">Requests IssueSync's <see cref="RequestCounter"/> counted.</param>
/// <param name="Sandbox">Requests the sandbox received.</param>
/// <param name="SandboxWrites">Of those, the ones that were not GET.</param>
/// <param name="Endpoints">What the sandbox received, by endpoint (e.g. <c>GET /projects/:id/issues</c>).</param>
internal sealed record RequestCount(long Ours, long Sandbox, long SandboxWrites, IReadOnlyDictionary<string, long> Endpoints);

/// <summary>No GitHub Projects v2 board is configured in the bench; the roadmap step must not ask for one.</summary>
internal sealed class UnconfiguredProjectBoards : IProjectBoards
{
    public Task<IReadOnlyList<string>> SyncAsync(string tracker, ProjectBoardTarget target, IReadOnlyDictionary<long, string> optionByIssue, bool dryRun, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No Projects v2 board is configured in the bench.");
}
