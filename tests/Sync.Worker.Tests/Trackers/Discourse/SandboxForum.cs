using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Sandbox.Discourse;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>
/// The real sandbox over loopback with IssueSync's Discourse client registered as "forum" against its discourse instance,
/// acting as <see cref="Username"/>, with a SQLite document store for the voters it keeps, and every log line captured.
/// Each test seeds its own category so the demo forum's topics stay out of its counts.
/// </summary>
internal sealed class SandboxForum : IAsyncDisposable
{
    public const string Instance = "discourse";
    public const string Tracker = "forum";
    public const string Username = "forum-admin";

    private readonly ServiceProvider _services;
    private readonly string _dbPath;

    private SandboxForum(SandboxServer sandbox, SqliteStateStore? store, string dbPath, string key)
    {
        Sandbox = sandbox;
        Store = store;
        _dbPath = dbPath;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (store is not null)
        {
            services.AddSingleton<IDocumentStore>(store);
        }

        services.AddTrackerInfrastructure();
        var resilience = TrackerFixture.FastRetries;
        services.AddTrackerClient(Tracker, TrackerKind.Discourse, Forum.Root, key, resilience, TestTrackerRegistration.LimitsFor(TrackerKind.Discourse, resilience), Username);
        _services = services.BuildServiceProvider();
    }

    public SandboxServer Sandbox { get; }

    public SandboxDiscourse Forum => Sandbox.Discourse;

    public SqliteStateStore? Store { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Tracker);

    /// <param name="documents">Register a document store (the host always does).</param>
    /// <param name="key">The Api-Key to send (default: the sandbox's).</param>
    public static async Task<SandboxForum> StartAsync(CancellationToken cancellationToken, bool documents = true, string? key = null)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, cancellationToken);
        var path = InProcessApp.TempPath("forum.db");
        SqliteStateStore? store = null;
        if (documents)
        {
            store = new SqliteStateStore(path);
            await store.MigrateAsync(cancellationToken);
        }

        return new SandboxForum(sandbox, store, path, key ?? sandbox.Discourse.ApiKey);
    }

    /// <summary>Requests the sandbox counted for its endpoint key, e.g. "GET /t/:id.json".</summary>
    public long Served(string endpoint) => Sandbox.Stats.Snapshot().For(Instance, endpoint);

    public long ServedTotal => Sandbox.Stats.Snapshot().ForInstance(Instance);

    /// <summary>Every endpoint the forum served since the last reset, as "KEY = n" lines in order.</summary>
    public IReadOnlyList<string> ServedLines() =>
        [.. (Sandbox.Stats.Snapshot().Instances.GetValueOrDefault(Instance) ?? new Dictionary<string, long>())
            .Select(kv => $"{kv.Key} = {kv.Value}").Order(StringComparer.Ordinal)];

    public long Writes => (Sandbox.Stats.Snapshot().Instances.GetValueOrDefault(Instance) ?? new Dictionary<string, long>())
        .Where(kv => !kv.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(kv => kv.Value);

    public void ResetCounts() => Sandbox.Stats.Reset();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (File.Exists(_dbPath))
        {
            File.Delete(_dbPath);
        }
    }
}
