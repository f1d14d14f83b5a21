using Microsoft.Extensions.Time.Testing;
using Sync.Core.Lifecycle;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Sandbox.Model;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Lifecycle;

/// <summary>One sandbox public project, IssueSync's client and store for it, and the votes and lifecycle steps on a fake clock.</summary>
internal sealed class LifecycleWorld : IAsyncDisposable
{
    public const string Project = "acme/ideas";
    public static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SandboxServer _sandbox;
    private readonly SandboxTrackerHarness _harness;
    private readonly VotesStep _votes;
    private readonly LifecycleStep _lifecycle;
    private int _voter;

    private LifecycleWorld(SandboxServer sandbox, SandboxInstance instance, TrackerKind kind, SandboxTrackerHarness harness, ProductDefinition product, FakeTimeProvider time)
    {
        _sandbox = sandbox;
        Instance = instance;
        Kind = kind;
        _harness = harness;
        Product = product;
        Time = time;
        _votes = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);
        _lifecycle = new LifecycleStep(harness.Trackers, harness.Store, harness.Store, harness.Store, time, p => p.Lifecycle);
    }

    public SandboxInstance Instance { get; }

    public SandboxServer Sandbox => _sandbox;

    public TrackerKind Kind { get; }

    public bool GitLab => Kind == TrackerKind.GitLab;

    public ProductDefinition Product { get; }

    public FakeTimeProvider Time { get; }

    public Sync.Worker.Storage.Sqlite.SqliteStateStore Store => _harness.Store;

    public static async Task<LifecycleWorld> CreateAsync(string tracker, LifecycleRules rules, CancellationToken ct)
    {
        var time = new FakeTimeProvider(Noon);
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        instance.CreateProject(Project, isPrivate: false);
        var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
        var product = new ProductDefinition("p", new ProjectRef(tracker, Project), []) { Lifecycle = rules };
        return new LifecycleWorld(sandbox, instance, kind, harness, product, time);
    }

    public int Issue(string title, params string[] labels) =>
        Instance.AddIssue(Project, title, "Please.", labels, "carol.diaz", createdAt: Time.GetUtcNow()).Number;

    public void Votes(int number, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Instance.AddAward(Project, number, GitLab ? "thumbsup" : "+1", $"voter{++_voter}", at: Time.GetUtcNow());
        }
    }

    /// <summary>The votes step, then the lifecycle step (the lifecycle stage), a few seconds later.</summary>
    public async Task<Pass> PassAsync(CancellationToken ct, bool dryRun = false)
    {
        Time.Advance(TimeSpan.FromSeconds(5));
        await _votes.RunAsync(new PipelineContext(Product, DryRun: false, new WriteJournal()), ct);
        return await LifecycleAsync(ct, dryRun);
    }

    public async Task<Pass> LifecycleAsync(CancellationToken ct, bool dryRun = false)
    {
        Time.Advance(TimeSpan.FromSeconds(5));
        var before = _sandbox.Stats.Snapshot();
        var journal = new WriteJournal();
        var result = await _lifecycle.RunAsync(new PipelineContext(Product, dryRun, journal), ct);
        var after = _sandbox.Stats.Snapshot();
        return new Pass(after.WritesSince(before, Instance.Name), journal.Writes, result, after.ForInstance(Instance.Name) - before.ForInstance(Instance.Name));
    }

    /// <summary>A person editing the issue through the API (which bumps its updated_at, as on the trackers).</summary>
    public async Task HumanEditsAsync(int number, IssueEdit edit, CancellationToken ct)
    {
        Time.Advance(TimeSpan.FromSeconds(5));
        await _harness.Trackers.Get(Product.Public.Tracker).EditIssueAsync(Project, number, edit, ct);
    }

    public SandboxIssue Read(int number) => Instance.Issue(Project, number);

    public string[] Labels(int number) => [.. Read(number).Labels.Order(StringComparer.Ordinal)];

    public string OurComment(int number) => Instance.Notes(Project, number).Single(n => LifecycleComment.IsOurs(n.Body)).Body;

    public async Task<LifecycleEntry> EntryAsync(int number, CancellationToken ct) => (await LifecycleEntry.LoadAsync(Store, Product.Key, ct))[number];

    // Endpoint keys of the sandbox's request counter.
    public string LabelWrite => GitLab ? "PUT /projects/:id/issues/:iid" : "POST /repos/:owner/:repo/issues/:number/labels";

    public string LabelRemove => GitLab ? "PUT /projects/:id/issues/:iid" : "DELETE /repos/:owner/:repo/issues/:number/labels/:name";

    public string CreateLabel => GitLab ? "POST /projects/:id/labels" : "POST /repos/:owner/:repo/labels";

    public string PostComment => GitLab ? "POST /projects/:id/issues/:iid/notes" : "POST /repos/:owner/:repo/issues/:number/comments";

    public string EditComment => GitLab ? "PUT /projects/:id/issues/:iid/notes/:note_id" : "PATCH /repos/:owner/:repo/issues/comments/:comment_id";

    public string StateEdit => GitLab ? "PUT /projects/:id/issues/:iid" : "PATCH /repos/:owner/:repo/issues/:number";

    /// <summary>One label change (and, with <paramref name="state"/>, a close or reopen) in the requests each tracker needs for it.</summary>
    public Dictionary<string, long> Writes(bool add, bool remove, bool state, params (string Endpoint, long Count)[] more)
    {
        var writes = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string endpoint, long count) => writes[endpoint] = writes.GetValueOrDefault(endpoint) + count;
        if (GitLab)
        {
            if (add || remove || state)
            {
                Add(StateEdit, 1); // one PUT: add_labels, remove_labels and state_event together
            }
        }
        else
        {
            if (add)
            {
                Add(LabelWrite, 1);
            }

            if (remove)
            {
                Add(LabelRemove, 1);
            }

            if (state)
            {
                Add(StateEdit, 1);
            }
        }

        foreach (var (endpoint, count) in more)
        {
            Add(endpoint, count);
        }

        return writes;
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    internal sealed record Pass(Dictionary<string, long> Writes, IReadOnlyList<PlannedWrite> Journal, StepResult Result, long Requests);
}
