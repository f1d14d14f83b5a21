using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Infrastructure;

/// <summary>
/// IssueSync's real tracker client for one sandbox instance, on a given clock, with a fresh SQLite state store
/// registered as the cursor store (GitHub keeps its ETags there): what step-level tests against the sandbox need.
/// </summary>
internal sealed class SandboxTrackerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SandboxTrackerHarness(ServiceProvider provider, SqliteStateStore store)
    {
        _provider = provider;
        Store = store;
    }

    public SqliteStateStore Store { get; }

    public ITrackerRegistry Trackers => _provider.GetRequiredService<ITrackerRegistry>();

    public RequestCounter Counter => _provider.GetRequiredService<RequestCounter>();

    public static async Task<SandboxTrackerHarness> CreateAsync(
        string tracker, TrackerKind kind, SandboxInstance instance, TimeProvider time, CancellationToken cancellationToken)
    {
        var store = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await store.MigrateAsync(cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<ICursorStore>(store);
        services.AddLogging();
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(tracker, kind, instance.ApiUrl, instance.Token);
        return new SandboxTrackerHarness(services.BuildServiceProvider(), store);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
