using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Sandbox.Model;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.GitHubDiscussions;

/// <summary>
/// The sandbox's GitHub with a repository whose Discussions have an "Ideas" category (slug <c>ideas</c>) and a "Q&amp;A"
/// one, and a GitHubDiscussions tracker named <c>forum</c> on the same API root, wired like production (limits,
/// resilience, accounting, auth) with fast limit back-offs.
/// </summary>
internal sealed class DiscussionsFixture : IAsyncDisposable
{
    public const string Repo = "acme/forum";
    public const string Forum = "acme/forum/ideas";
    public const string Name = "forum";

    private readonly ServiceProvider _services;

    private DiscussionsFixture(SandboxServer sandbox, TrackerLimitsOptions? limits)
    {
        Sandbox = sandbox;
        Hub.CreateProject(Repo, isPrivate: false);
        Ideas = Hub.CreateDiscussionCategory(Repo, "Ideas");
        Hub.CreateDiscussionCategory(Repo, "Q&A", slug: "q-a", isAnswerable: true);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(Name, TrackerKind.GitHubDiscussions, Hub.ApiUrl, Hub.Token, TrackerFixture.FastRetries, limits ?? FastLimits);
        _services = services.BuildServiceProvider();
    }

    /// <summary>GitHub's limits without the 1 s write spacing, and limit answers retried after 10 ms.</summary>
    public static TrackerLimitsOptions FastLimits => TrackerLimitsOptions.ForKind(TrackerKind.GitHubDiscussions) with
    {
        SerialWrites = false,
        MinWriteSpacing = TimeSpan.Zero,
        LimitBackoff = TimeSpan.FromMilliseconds(10),
        MaxLimitRetries = 2,
        MaxWait = TestTrackerRegistration.MaxLimitWait,
    };

    public SandboxServer Sandbox { get; }

    public SandboxInstance Hub => Sandbox.GitHub;

    public SandboxDiscussionCategory Ideas { get; }

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Name);

    public RequestCounter Counter => _services.GetRequiredService<RequestCounter>();

    public static async Task<DiscussionsFixture> StartAsync(CancellationToken ct, TrackerLimitsOptions? limits = null) =>
        new(await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, ct), limits);

    public SandboxDiscussion Idea(string title, string body = "", string author = "alice.martin", DateTimeOffset? at = null, string category = "ideas", params string[] labels) =>
        Hub.AddDiscussion(Repo, category, title, body, author, at, labels);

    /// <summary>Runs <paramref name="action"/> and returns what it returned, the GraphQL requests IssueSync counted and the sandbox's bodies of them.</summary>
    public async Task<(T Result, long Requests, IReadOnlyList<string> Bodies)> CountAsync<T>(Func<Task<T>> action)
    {
        Counter.Reset();
        var mark = Sandbox.Requests.Mark();
        var result = await action();
        var bodies = Sandbox.Requests.Since(mark).Where(r => r.Instance == Hub.Name && r.Path.EndsWith("/graphql", StringComparison.Ordinal)).Select(r => r.Text).ToList();
        return (result, Counter.Snapshot().TotalFor(Name), bodies);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
