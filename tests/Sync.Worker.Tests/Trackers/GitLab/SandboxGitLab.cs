using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Sandbox.Model;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// The real sandbox over loopback with IssueSync's GitLab client registered as "dev" against its gitlab-dev instance,
/// plus the check that the sandbox's own request counters and IssueSync's <see cref="RequestCounter"/> agree.
/// </summary>
internal sealed class SandboxGitLab : IAsyncDisposable
{
    public const string Instance = "gitlab-dev";
    public const string Tracker = "dev";
    public const string ProjectPath = "acme/widget";

    private readonly ServiceProvider _services;

    private SandboxGitLab(SandboxServer sandbox)
    {
        Sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(Tracker, TrackerKind.GitLab, sandbox.GitLabDev.ApiUrl, sandbox.GitLabDev.Token);
        _services = services.BuildServiceProvider();
    }

    public SandboxServer Sandbox { get; }

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Tracker);

    public RequestCounter Counter => _services.GetRequiredService<RequestCounter>();

    public SandboxProject Project => Sandbox.GitLabDev.Project(ProjectPath);

    /// <param name="bulkIssues">Also generate "acme/bulk" with this many issues (every eighth closed), see BulkGenerator.</param>
    public static async Task<SandboxGitLab> StartAsync(CancellationToken cancellationToken, int bulkIssues = 0) =>
        new(await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = bulkIssues }, cancellationToken));

    /// <summary>Requests the sandbox counted under its own endpoint key, e.g. "GET /projects/:id/issues/:iid/notes".</summary>
    public long Served(string endpoint) => Sandbox.Stats.Snapshot().For(Instance, endpoint);

    public long ServedTotal => Sandbox.Stats.Snapshot().ForInstance(Instance);

    public void ResetCounts()
    {
        Sandbox.Stats.Reset();
        Counter.Reset();
    }

    /// <summary>
    /// Every sandbox endpoint key, classified the way IssueSync classifies URLs, must sum to exactly what
    /// <see cref="RequestCounter"/> recorded for that (method, endpoint kind); totals must match too.
    /// </summary>
    public void AssertCountsAgree()
    {
        var served = Sandbox.Stats.Snapshot().Instances.GetValueOrDefault(Instance) ?? new Dictionary<string, long>();
        var expected = served
            .GroupBy(kv => Kind(kv.Key))
            .Select(g => $"{g.Key} = {g.Sum(kv => kv.Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var counted = Counter.Snapshot().Trackers.GetValueOrDefault(Tracker);
        var actual = (counted?.ByEndpoint ?? [])
            .Select(kv => $"{kv.Key.Method} {kv.Key.Endpoint} = {kv.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(ServedTotal, counted?.Total ?? 0);
    }

    private static string Kind(string sandboxKey)
    {
        var space = sandboxKey.IndexOf(' ', StringComparison.Ordinal);
        var method = sandboxKey[..space];
        return $"{method} {EndpointKinds.Classify(method, sandboxKey[(space + 1)..], "/")}";
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
