using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Lifecycle;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Releases;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Releases;

/// <summary>
/// A public project (GitLab or GitHub) in the sandbox with votes and release notes of one product, run as the releases
/// stage runs them (votes first, for the demand), on a fake clock, with IssueSync's real tracker client and SQLite store.
/// </summary>
internal sealed class ReleaseNotesWorld : IAsyncDisposable
{
    public const string Project = "acme/rel";
    public const string ProductKey = "rel";
    public static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<SandboxTrackerHarness> _harnesses = [];
    private int _voter;

    private ReleaseNotesWorld(string tracker, SandboxServer sandbox, FakeTimeProvider time)
    {
        Tracker = tracker;
        Sandbox = sandbox;
        Time = time;
        Product = new ProductDefinition(ProductKey, new ProjectRef(tracker, Project), []) { ReleaseNotes = new ReleaseNotesRules(), Lifecycle = new LifecycleRules() };
    }

    public string Tracker { get; }

    public bool GitLab => Tracker == "gitlab";

    public SandboxServer Sandbox { get; }

    public FakeTimeProvider Time { get; }

    public ProductDefinition Product { get; set; }

    public SandboxInstance Instance => GitLab ? Sandbox.GitLab : Sandbox.GitHub;

    public SandboxTrackerHarness Harness => _harnesses[^1];

    public SqliteStateStore Store => Harness.Store;

    public ITrackerClient Client => Harness.Trackers.Get(Tracker);

    public ReleaseNotesStep Step => new(Harness.Trackers, Store, Store, Store, Store, Time, p => p.ReleaseNotes);

    public static async Task<ReleaseNotesWorld> CreateAsync(string tracker, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, cancellationToken);
        var world = new ReleaseNotesWorld(tracker, sandbox, time);
        world.Instance.CreateProject(Project, isPrivate: false);
        await world.NewStateAsync(cancellationToken);
        return world;
    }

    /// <summary>A fresh state store (a lost volume, or state documents gone) against the same trackers.</summary>
    public async Task NewStateAsync(CancellationToken cancellationToken)
    {
        var kind = GitLab ? TrackerKind.GitLab : TrackerKind.GitHub;
        _harnesses.Add(await SandboxTrackerHarness.CreateAsync(Tracker, kind, Instance, Time, cancellationToken, unpaced: true));
    }

    public async Task<TrackerMilestone> MilestoneAsync(string title, CancellationToken cancellationToken, DateOnly? due = null) =>
        await Client.CreateMilestoneAsync(Project, new TrackerMilestone(0, title, DueDate: due), cancellationToken);

    /// <summary>Closes a milestone through the tracker's API: GitLab <c>PUT .../milestones/:id</c> <c>state_event=close</c>, GitHub <c>PATCH .../milestones/:number</c> <c>state=closed</c>.</summary>
    public async Task CloseMilestoneAsync(TrackerMilestone milestone, CancellationToken cancellationToken)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = Instance.ApiUrl };
        if (GitLab)
        {
            http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", Instance.Token);
            using var response = await http.PutAsJsonAsync($"projects/{Uri.EscapeDataString(Project)}/milestones/{milestone.Id}", new { state_event = "close" }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        else
        {
            http.DefaultRequestHeaders.Add("Authorization", "token " + Instance.Token);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("issuesync-tests");
            using var response = await http.PatchAsJsonAsync($"repos/{Project}/milestones/{milestone.Id}", new { state = "closed" }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>An issue in <paramref name="milestone"/> created <paramref name="daysOld"/> days ago, with that many voters.</summary>
    public async Task<int> IssueAsync(string title, TrackerMilestone? milestone, int voters, CancellationToken cancellationToken, int daysOld = 60, bool confidential = false, params string[] labels)
    {
        var issue = Instance.AddIssue(Project, title, "Please.", labels, "carol.diaz", confidential, createdAt: Time.GetUtcNow().AddDays(-daysOld));
        for (var i = 0; i < voters; i++)
        {
            Instance.AddAward(Project, issue.Number, GitLab ? "thumbsup" : "+1", $"voter{++_voter}", at: Time.GetUtcNow().AddDays(-1));
        }

        if (milestone is not null)
        {
            await Client.EditIssueAsync(Project, issue.Number, new IssueEdit(MilestoneId: milestone.Id), cancellationToken);
        }

        return issue.Number;
    }

    /// <summary>Closed now, as <paramref name="reason"/> on GitHub (GitLab has no reason).</summary>
    public void Close(int number, string? reason = "completed")
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        var issue = Instance.Issue(Project, number);
        issue.Closed = true;
        issue.ClosedAt = Time.GetUtcNow();
        issue.UpdatedAt = Time.GetUtcNow();
        issue.StateReason = GitLab ? null : reason;
    }

    /// <summary>Votes, then the releases step, as the releases stage runs after a full pass. Returns the step's writes and requests.</summary>
    public async Task<Pass> PassAsync(CancellationToken cancellationToken, bool dryRun = false, params string[] requested)
    {
        Time.Advance(TimeSpan.FromSeconds(5));
        var votes = new VotesStep(Harness.Trackers, Store, Store, Store, Store, Time, p => p.Votes);
        await votes.RunAsync(new PipelineContext(Product, DryRun: false, new WriteJournal()), cancellationToken);
        Time.Advance(TimeSpan.FromSeconds(5));
        var before = Sandbox.Stats.Snapshot();
        var journal = new WriteJournal();
        var context = new PipelineContext(Product, dryRun, journal);
        var outcome = await Step.DraftAsync(context, requested, cancellationToken);
        var after = Sandbox.Stats.Snapshot();
        return new Pass(after.WritesSince(before, Instance.Name), after.ForInstance(Instance.Name) - before.ForInstance(Instance.Name), outcome, journal);
    }

    /// <summary>The notes issues of the product in the project (by their marker).</summary>
    public IReadOnlyList<Sync.Sandbox.Model.SandboxIssue> NotesIssues() =>
        [.. Instance.Issues(Project).Where(i => ReleaseNotesText.MilestoneOf(i.Description ?? string.Empty, ProductKey) is not null)];

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }

    internal sealed record Pass(Dictionary<string, long> Writes, long Requests, ReleaseNotesOutcome Outcome, WriteJournal Journal);
}
