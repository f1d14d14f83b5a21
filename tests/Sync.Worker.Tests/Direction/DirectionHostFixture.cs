using Hangfire;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Direction;

/// <summary>
/// The real worker in service mode against the sandbox, with the widget roadmap (and vote snapshots of its #12)
/// written straight into its SQLite store and none for gadget. Started once for the tests of a class.
/// </summary>
public sealed class DirectionHostFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource stop = new();
    private readonly InProcessApp app = new();
    private Task<int>? run;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = InProcessApp.TempPath("direction.db");
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);

        // A yearly schedule: after the start-up run nothing rebuilds (or overwrites) the seeded roadmaps mid-test.
        run = app.RunAsync(
            [
                "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0",
                $"--IssueSync:Storage:SqlitePath={database}",
                .. new[] { "widget", "gadget" }.SelectMany(p => new[] { "Move", "Votes", "Lifecycle", "Rice", "Roadmap", "Releases" }.Select(s => $"--IssueSync:Products:{p}:Schedule:{s}=0 0 1 1 *")),
            ],
            started.SetResult,
            stop.Token);
        var host = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var url = app.Output.ToString().Split('\n').First(l => l.StartsWith("IssueSync dashboard:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal);
        BaseAddress = new Uri(url);

        // Let the runs the sandbox triggers at start finish first, so a roadmap step cannot overwrite the seed.
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitoring.SucceededListCount() + monitoring.FailedCount() < 2 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        var store = new SqliteStateStore(database);
        await store.MigrateAsync(CancellationToken.None);
        await store.SaveDocumentsAsync([DirectionSamples.Widget().ToStored(DirectionSamples.BuiltAt)], CancellationToken.None);
        await store.DeleteDocumentsAsync("gadget", ProductRoadmap.Kind, ["gadget"], CancellationToken.None);

        // The demo's start-up run drafted the widget's v2.3 release notes: these tests are about the roadmap alone.
        var notes = await store.ListDocumentsAsync("widget", Sync.Core.Releases.ReleaseNotesState.Kind, CancellationToken.None);
        await store.DeleteDocumentsAsync("widget", Sync.Core.Releases.ReleaseNotesState.Kind, [.. notes.Select(n => n.Key)], CancellationToken.None);

        // Snapshots of #12 over the last 90 days of the worker's (system) clock: a trend plot next to its count.
        var now = TimeProvider.System.GetUtcNow();
        foreach (var (daysAgo, voters) in new[] { (85, 5), (60, 9), (40, 14), (20, 19), (2, 25) })
        {
            await store.AddVoteSnapshotAsync(new VoteSnapshot("widget", "github:acme/widget#12", now.AddDays(-daysAgo), voters, 0, voters, voters), CancellationToken.None);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        stop.Dispose();
    }
}
