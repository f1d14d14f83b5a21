using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers;

namespace Sync.Bench.Moves;

/// <param name="Direction">Where the issues go.</param>
/// <param name="Issues">Issues labelled "public" seeded in the private source, each with <paramref name="CommentsPerIssue"/> comments.</param>
/// <param name="Time">The clock of both the sandbox and IssueSync.</param>
/// <param name="EnforceRateLimits">Whether the sandbox answers over-limit requests with 403/429.</param>
/// <param name="Unpaced">Lift IssueSync's write ceilings and GitHub's write spacing (the latency bench measures latency, not pacing).</param>
internal sealed record MoveBenchSetup(
    MoveDirection Direction,
    int Issues,
    int CommentsPerIssue,
    TimeProvider Time,
    bool EnforceRateLimits,
    bool Unpaced);

/// <summary>What one bulk move did, read once it finished.</summary>
/// <param name="Wall">Real time of the move step.</param>
/// <param name="Step">The move step's own summary (moved, failed, skipped).</param>
/// <param name="Requests">Every request IssueSync sent (retries included), by tracker, endpoint and status.</param>
internal sealed record MoveBenchResult(TimeSpan Wall, StepResult Step, RequestCountSnapshot Requests)
{
    public long Moved => Step.Metrics.GetValueOrDefault("moved");

    public long Failed => Step.Metrics.GetValueOrDefault("failed");

    /// <summary>Limit answers (403 secondary limit, 429) that reached IssueSync's request accounting, on any tracker.</summary>
    public long LimitErrors => Requests.Trackers.Values.SelectMany(t => t.ByStatus).Where(kv => kv.Key.Status is 403 or 429).Sum(kv => kv.Value);

    /// <summary>Where the limit answers came from, e.g. "public POST notes.create 429 ×1".</summary>
    public string LimitErrorDetail => string.Join(", ", Requests.Trackers.Values.SelectMany(t => t.ByStatus)
        .Where(kv => kv.Key.Status is 403 or 429)
        .Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key.Tracker} {kv.Key.Method} {kv.Key.Endpoint} {kv.Key.Status} ×{kv.Value}")));
}

/// <summary>
/// A bulk move through IssueSync's real <see cref="MoveStep"/>, tracker clients (limits gate, resilience, request
/// accounting) and SQLite state store, against a fresh in-process sandbox seeded through its state API.
/// </summary>
internal sealed class MoveBenchHarness : IAsyncDisposable
{
    public const string SourceTracker = "dev";
    public const string TargetTracker = "public";
    public const string SourcePath = "acme/bench-dev";
    public const string TargetPath = "acme/bench-public";

    private readonly MoveBenchSetup _setup;
    private readonly ServiceProvider _provider;
    private readonly SqliteStateStore _store;

    private MoveBenchHarness(MoveBenchSetup setup, SandboxServer sandbox, ServiceProvider provider, SqliteStateStore store)
    {
        _setup = setup;
        Sandbox = sandbox;
        _provider = provider;
        _store = store;
    }

    public SandboxServer Sandbox { get; }

    public SandboxInstance Target => _setup.Direction == MoveDirection.GitLabToGitHub ? Sandbox.GitHub : Sandbox.GitLab;

    public static async Task<MoveBenchHarness> StartAsync(MoveBenchSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = setup.EnforceRateLimits, Time = setup.Time }, cancellationToken);
        try
        {
            var target = setup.Direction == MoveDirection.GitLabToGitHub ? sandbox.GitHub : sandbox.GitLab;
            Seed(sandbox.GitLabDev, target, setup);
            var store = new SqliteStateStore(Path.Combine(Path.GetTempPath(), $"issuesync-bench-{Guid.NewGuid():N}.db"));
            await store.MigrateAsync(cancellationToken);

            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(setup.Time); // before AddTrackerClient, which would add the system clock
            services.AddSingleton<ICursorStore>(store);
            services.AddLogging();
            services.AddTrackerInfrastructure();
            var resilience = Resilience(setup.Time);
            services.AddTrackerClient(SourceTracker, TrackerKind.GitLab, sandbox.GitLabDev.ApiUrl, sandbox.GitLabDev.Token, resilience, Limits(TrackerKind.GitLab, setup.Unpaced));
            var kind = target == sandbox.GitHub ? TrackerKind.GitHub : TrackerKind.GitLab;
            services.AddTrackerClient(TargetTracker, kind, target.ApiUrl, target.Token, resilience, Limits(kind, setup.Unpaced));
            return new MoveBenchHarness(setup, sandbox, services.BuildServiceProvider(), store);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the move step once over every seeded issue.</summary>
    public async Task<MoveBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var time = _provider.GetRequiredService<TimeProvider>();
        var step = new MoveStep(
            _provider.GetRequiredService<ITrackerRegistry>(),
            _store,
            _store,
            new MovePlanner(),
            time);
        var product = new ProductDefinition("bench", new ProjectRef(TargetTracker, TargetPath), [new SourceRule(new ProjectRef(SourceTracker, SourcePath))]);
        var counter = _provider.GetRequiredService<RequestCounter>();
        counter.Reset();
        var clock = Stopwatch.StartNew();
        var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), cancellationToken);
        return new MoveBenchResult(clock.Elapsed, result, counter.Snapshot());
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_store.DatabasePath + suffix);
        }
    }

    private static void Seed(SandboxInstance source, SandboxInstance target, MoveBenchSetup setup)
    {
        source.CreateProject(SourcePath, isPrivate: true);
        target.CreateProject(TargetPath, isPrivate: false);
        string[] authors = ["alice.martin", "bob.chen", "carol.diaz", "dev.patel"];
        for (var i = 1; i <= setup.Issues; i++)
        {
            // Only the eligibility label, which the move drops: no label writes, so target writes are issue + comments.
            var issue = source.AddIssue(SourcePath, $"Bench issue {i}", $"Steps to reproduce issue {i}.\n\nExpected: it works.", ["public"], authors[i % authors.Length]);
            for (var c = 1; c <= setup.CommentsPerIssue; c++)
            {
                source.AddNote(SourcePath, issue.Number, $"Comment {c} on issue {i}.", authors[(i + c) % authors.Length]);
            }
        }
    }

    /// <summary>
    /// IssueSync's default pacing of the kind (what the ceilings bench measures), or, unpaced, ceilings and GitHub's
    /// 1 s write spacing lifted (what <c>SandboxTrackerHarness</c> does in the step tests).
    /// </summary>
    private static TrackerLimitsOptions Limits(TrackerKind kind, bool unpaced) => unpaced
        ? TrackerLimitsOptions.ForKind(kind) with
        {
            WritesPerMinute = 0, WritesPerHour = 0, IssueCreatesPerMinute = 0, NoteCreatesPerMinute = 0, MinWriteSpacing = TimeSpan.Zero,
        }
        : TrackerLimitsOptions.ForKind(kind);

    /// <summary>
    /// Default retries, with the attempt and total timeouts stretched by the clock's factor: they guard against real
    /// stalls, and at ×150 a 30 s attempt timeout would be 0.2 real seconds — a GC pause could time out a POST the
    /// sandbox already served, and its retry would post twice. Limit waits (what is measured) are not touched.
    /// </summary>
    private static TrackerResilienceOptions Resilience(TimeProvider time)
    {
        var factor = time is ScaledTimeProvider scaled ? scaled.Factor : 1.0;
        var defaults = TrackerResilienceOptions.Default;
        return defaults with
        {
            AttemptTimeout = defaults.EffectiveAttemptTimeout * factor,
            TotalTimeout = defaults.EffectiveTotalTimeout * factor,
        };
    }
}
