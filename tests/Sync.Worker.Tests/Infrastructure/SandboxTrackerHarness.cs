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

    /// <param name="unpaced">
    /// Lift the write ceilings and GitHub's minimum gap between writes: pacing waits on the (fake) clock, so a test
    /// that writes on a fake clock it does not advance would wait forever. Pacing has its own tests.
    /// </param>
    public static async Task<SandboxTrackerHarness> CreateAsync(
        string tracker, TrackerKind kind, SandboxInstance instance, TimeProvider time, CancellationToken cancellationToken, bool unpaced = false)
    {
        var store = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await store.MigrateAsync(cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<ICursorStore>(store);
        services.AddLogging();
        services.AddTrackerInfrastructure();
        // Request pacing (GitLab: 2,000 a minute) waits on the same clock; step tests measure request counts over
        // thousands of requests on a clock they move by hand, and lift the sandbox's limit too. Pacing has its own tests.
        var limits = TrackerLimitsOptions.ForKind(kind) with { RequestsPerMinute = 0, RequestsPerHour = 0 };
        if (unpaced)
        {
            limits = limits with
            {
                WritesPerMinute = 100_000, WritesPerHour = 1_000_000, IssueCreatesPerMinute = 100_000, NoteCreatesPerMinute = 100_000,
                MinWriteSpacing = TimeSpan.Zero,
            };
        }

        services.AddTrackerClient(tracker, kind, instance.ApiUrl, instance.Token, TrackerResilienceOptions.Default, limits);
        return new SandboxTrackerHarness(services.BuildServiceProvider(), store);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
