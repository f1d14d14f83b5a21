using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Roadmap;

/// <summary>
/// A GitLab public project in the sandbox with votes, RICE and the roadmap of one product, run step by step as the
/// roadmap stage runs them, on a fake clock, with IssueSync's real tracker client and a fresh SQLite store.
/// </summary>
internal sealed class RoadmapWorld : IAsyncDisposable
{
    public const string Project = "acme/road";
    public const string ProductKey = "road";
    public const string PublicProject = "gitlab:" + Project;
    public static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SandboxServer _sandbox;
    private readonly SandboxTrackerHarness _harness;
    private readonly ProductDefinition _product;
    private readonly VotesStep _votes;
    private readonly RiceStep _rice;
    private readonly RoadmapStep _roadmap;
    private int _voter;

    private RoadmapWorld(SandboxServer sandbox, SandboxTrackerHarness harness, FakeTimeProvider time, RoadmapRules rules, Sync.Core.Lifecycle.LifecycleRules? lifecycle)
    {
        _sandbox = sandbox;
        _harness = harness;
        Time = time;
        _product = new ProductDefinition(ProductKey, ProjectRef.Parse(PublicProject), []) { Rice = new RiceRules(), Roadmap = rules, Lifecycle = lifecycle };
        _votes = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);
        _rice = new RiceStep(harness.Trackers, harness.Store, harness.Store, harness.Store, time, p => p.Rice);
        _roadmap = new RoadmapStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, new NoProjectBoards(), time, p => p.Roadmap);
    }

    public FakeTimeProvider Time { get; }

    public SandboxInstance Instance => _sandbox.GitLab;

    public SqliteStateStore Store => _harness.Store;

    public static async Task<RoadmapWorld> CreateAsync(RoadmapRules rules, CancellationToken cancellationToken, Sync.Core.Lifecycle.LifecycleRules? lifecycle = null)
    {
        var time = new FakeTimeProvider(Noon);
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, cancellationToken);
        sandbox.GitLab.CreateProject(Project, isPrivate: false);
        var harness = await SandboxTrackerHarness.CreateAsync("gitlab", TrackerKind.GitLab, sandbox.GitLab, time, cancellationToken, unpaced: true);
        return new RoadmapWorld(sandbox, harness, time, rules, lifecycle);
    }

    public int Issue(string title, int voters, bool confidential = false, params string[] labels)
    {
        var issue = Instance.AddIssue(Project, title, "Please.", labels, "carol.diaz", confidential, createdAt: Noon.AddDays(-60));
        for (var i = 0; i < voters; i++)
        {
            Instance.AddAward(Project, issue.Number, "thumbsup", $"voter{++_voter}", at: Noon.AddDays(-2));
        }

        return issue.Number;
    }

    /// <summary>Closed as completed (GitLab: not a duplicate, not moved) at <paramref name="at"/>.</summary>
    public void Close(int number, DateTimeOffset at)
    {
        var issue = Instance.Issue(Project, number);
        issue.Closed = true;
        issue.ClosedAt = at;
        issue.UpdatedAt = at;
    }

    /// <summary>A member makes the issue confidential through the API (<c>PUT /projects/:id/issues/:iid</c>, as in the UI).</summary>
    public async Task MakeConfidentialAsync(int number, CancellationToken cancellationToken)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = Instance.ApiUrl };
        http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", Instance.Token);
        using var response = await http.PutAsJsonAsync($"projects/{Uri.EscapeDataString(Project)}/issues/{number}", new { confidential = true }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Votes, RICE, then the roadmap, as the roadmap stage runs them. Returns the roadmap step's writes by endpoint.</summary>
    public async Task<(Dictionary<string, long> Writes, StepResult Result)> PassAsync(CancellationToken cancellationToken)
    {
        Time.Advance(TimeSpan.FromSeconds(5));
        await _votes.RunAsync(new PipelineContext(_product, DryRun: false, new WriteJournal()), cancellationToken);
        Time.Advance(TimeSpan.FromSeconds(5));
        await _rice.RunAsync(new PipelineContext(_product, DryRun: false, new WriteJournal()), cancellationToken);
        Time.Advance(TimeSpan.FromSeconds(5));
        var before = _sandbox.Stats.Snapshot();
        var result = await _roadmap.RunAsync(new PipelineContext(_product, DryRun: false, new WriteJournal()), cancellationToken);
        return (_sandbox.Stats.Snapshot().WritesSince(before, Instance.Name), result);
    }

    /// <summary>The roadmap issue's text with the sandbox's port-dependent web address made constant.</summary>
    public string RoadmapBody() =>
        Instance.Issues(Project).Single(i => RoadmapText.IsRoadmapOf(i.Description ?? string.Empty, ProductKey)).Description!
            .Replace(Instance.WebUrl.ToString(), "https://gitlab.example/", StringComparison.Ordinal);

    public string[] BoardLabels(int number) =>
        [.. Instance.Issue(Project, number).Labels.Where(l => l.StartsWith("roadmap::", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>The open issues a GitLab board list with this label shows (and counts).</summary>
    public int[] BoardList(string label) =>
        [.. Instance.Issues(Project).Where(i => !i.Closed && i.HasLabel(label)).Select(i => i.Number).Order()];

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _sandbox.DisposeAsync();
    }
}
