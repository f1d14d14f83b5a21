using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// End to end against the sandbox's GitHub over loopback: every port operation works on the seeded repos, and the
/// sandbox's own request counters agree exactly with IssueSync's <see cref="RequestCounter"/> after each step.
/// </summary>
public sealed class GitHubSandboxTests
{
    private const string Widget = "acme/widget";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryOperation_MakesItsExactRequestBudget_AndCountersAgreeWithTheSandbox()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        using var fixture = new GitHubClientFixture(sandbox.GitHub.ApiUrl, store: new InMemoryCursorStore(), token: sandbox.GitHub.Token);
        var client = fixture.Client;
        var step = new Steps(sandbox, fixture);

        var issues = await step.Expect(1, () => client.ListIssuesAsync(Widget, new IssueQuery(), Ct).ToListAsync(Ct).AsTask());
        Assert.Equal(24, issues.Count); // 15 generated, the showcase's duplicate pair, its 4 v2.3 issues and 3 new requests; the two seeded pull requests are skipped
        var first = issues[0];

        await step.Expect(1, () => client.ListIssuesAsync("acme/widget-private", new IssueQuery(), Ct).ToListAsync(Ct).AsTask());
        await step.Expect(1, () => client.ListCommentsAsync(Widget, first.Ref.Number, Ct).ToListAsync(Ct).AsTask());
        await step.Expect(1, () => client.ListIssueReactionsAsync(Widget, first.Ref.Number, Ct).ToListAsync(Ct).AsTask());
        var labels = await step.Expect(1, () => client.ListLabelsAsync(Widget, Ct).ToListAsync(Ct).AsTask());
        Assert.All(labels, l => Assert.Matches("^#[0-9a-f]{6}$", l.Color));
        await step.Expect(1, () => client.ListMilestonesAsync(Widget, Ct).ToListAsync(Ct).AsTask());

        await step.Expect(1, () => client.CreateLabelAsync(Widget, new TrackerLabel("status::doing", "#0E8A16", "Being worked on"), Ct));
        var existing = await step.Expect(2, () => client.CreateLabelAsync(Widget, new TrackerLabel("status::doing", "#000000"), Ct));
        Assert.Equal(new TrackerLabel("status::doing", "#0e8a16", "Being worked on"), existing);
        await step.Expect(1, () => client.CreateLabelAsync(Widget, new TrackerLabel("status::todo", "#cccccc"), Ct));
        var milestone = await step.Expect(1, () => client.CreateMilestoneAsync(Widget, new TrackerMilestone(0, "v9.0"), Ct));

        var created = await step.Expect(1, () => client.CreateIssueAsync(Widget, new NewIssue("Sync me", "Body", ["status::todo"], milestone.Id), Ct));
        Assert.Equal(["status::todo"], created.Labels);
        Assert.Equal("v9.0", created.Milestone);

        // A bucket move: add + remove, then the result.
        var moved = await step.Expect(3, () => client.EditIssueAsync(Widget, created.Ref.Number, new IssueEdit(AddLabels: ["status::doing"], RemoveLabels: ["status::todo"]), Ct));
        Assert.Equal(["status::doing"], moved.Labels);

        var closed = await step.Expect(1, () => client.EditIssueAsync(Widget, created.Ref.Number, new IssueEdit(State: IssueState.Closed, StateReason: "not_planned", ClearMilestone: true), Ct));
        Assert.Equal((IssueState.Closed, "not_planned", (string?)null), (closed.State, closed.StateReason, closed.Milestone));

        var comment = await step.Expect(1, () => client.CreateCommentAsync(Widget, created.Ref.Number, "Moved from GitLab", isInternal: false, Ct));
        var edited = await step.Expect(1, () => client.EditCommentAsync(Widget, created.Ref.Number, comment.Id, "Moved from GitLab (edited)", Ct));
        Assert.Equal("Moved from GitLab (edited)", edited.Body);
        await step.Expect(1, () => client.ListCommentReactionsAsync(Widget, created.Ref.Number, comment.Id, Ct).ToListAsync(Ct).AsTask());
        var comments = await step.Expect(1, () => client.ListCommentsAsync(Widget, created.Ref.Number, Ct).ToListAsync(Ct).AsTask());
        Assert.Equal([comment.Id], comments.Select(c => c.Id));

        var refused = await step.Expect(0, () => Assert.ThrowsAsync<NotSupportedException>(() =>
            client.CreateCommentAsync(Widget, created.Ref.Number, "secret", isInternal: true, Ct)));
        Assert.Contains("internal", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncrementalListing_RepeatedUnchanged_IsOne304AnsweredFromTheSqliteCache_AndCountersAgree()
    {
        var database = Path.Combine(Path.GetTempPath(), $"issuesync-gh-{Guid.NewGuid():N}.db");
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
            var store = new SqliteStateStore(database);
            await store.MigrateAsync(Ct);
            using var fixture = new GitHubClientFixture(sandbox.GitHub.ApiUrl, store: store, token: sandbox.GitHub.Token);
            var step = new Steps(sandbox, fixture);
            var query = new IssueQuery(UpdatedSince: new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));

            var first = await step.Expect(1, () => fixture.Client.ListIssuesAsync(Widget, query, Ct).ToListAsync(Ct).AsTask());
            var second = await step.Expect(1, () => fixture.Client.ListIssuesAsync(Widget, query, Ct).ToListAsync(Ct).AsTask());

            Assert.Equal(24, first.Count); // 15 generated, the showcase's duplicate pair, its 4 v2.3 issues and 3 new requests
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
            var counts = fixture.Counter.Snapshot().Trackers["hub"];
            Assert.Equal(1, counts.ByStatus[new RequestKey("hub", "GET", EndpointKinds.IssuesList, 200)]);
            Assert.Equal(1, counts.ByStatus[new RequestKey("hub", "GET", EndpointKinds.IssuesList, 304)]);
            Assert.Equal(2, sandbox.Stats.Snapshot().For(sandbox.GitHub.Name, "GET /repos/:owner/:repo/issues"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Runs one operation and checks both counters moved by exactly the expected number of requests.</summary>
    private sealed class Steps(SandboxServer sandbox, GitHubClientFixture fixture)
    {
        public async Task<T> Expect<T>(int requests, Func<Task<T>> operation)
        {
            var sandboxBefore = sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name);
            var ours = fixture.Counter.Snapshot().TotalFor("hub");
            var result = await operation();
            var sandboxDelta = sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name) - sandboxBefore;
            var ourDelta = fixture.Counter.Snapshot().TotalFor("hub") - ours;
            Assert.Equal((requests, requests), (sandboxDelta, ourDelta));
            return result;
        }
    }
}
