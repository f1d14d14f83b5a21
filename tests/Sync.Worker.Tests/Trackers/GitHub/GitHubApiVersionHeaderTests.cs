using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Trackers.GitHub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// Every REST request IssueSync sends to GitHub names <c>X-GitHub-Api-Version: 2022-11-28</c> (GitHub would assume it
/// today, but 2026-03-10 has breaking changes); a redirect to another host carries neither it nor the token.
/// </summary>
public sealed class GitHubApiVersionHeaderTests
{
    private const string Widget = "acme/widget";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRestRequest_ToTheSandbox_NamesApiVersion20221128_IncludingRedirectsWritesAndConditionalReads()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject("acme/elsewhere", isPrivate: false);
        hub.TransferIssue(Widget, 9, "acme/elsewhere");
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);
        var client = fixture.Client;

        await client.GetCurrentUserAsync(Ct);
        await client.ListIssuesAsync(Widget, new IssueQuery(UpdatedSince: DateTimeOffset.UnixEpoch), Ct).ToListAsync(Ct);
        await client.ListIssuesAsync(Widget, new IssueQuery(UpdatedSince: DateTimeOffset.UnixEpoch), Ct).ToListAsync(Ct); // a 304
        await client.ListLabelsAsync(Widget, Ct).ToListAsync(Ct);
        await client.ListMilestonesAsync(Widget, Ct).ToListAsync(Ct);
        var created = await client.CreateIssueAsync(Widget, new NewIssue("Copy", "Body", ["bug"]), Ct);
        await client.EditIssueAsync(Widget, created.Ref.Number, new IssueEdit(AddLabels: ["ui"], RemoveLabels: ["bug"], State: IssueState.Closed), Ct);
        var comment = await client.CreateCommentAsync(Widget, created.Ref.Number, "Hello", isInternal: false, Ct);
        await client.EditCommentAsync(Widget, created.Ref.Number, comment.Id, "Hello again", Ct);
        await client.ListCommentsAsync(Widget, created.Ref.Number, Ct).ToListAsync(Ct);
        await client.ListIssueReactionsAsync(Widget, created.Ref.Number, Ct).ToListAsync(Ct);
        await client.ListVoteSignalsAsync(Widget, new VoteSignalQuery(IssueStateFilter.All, Comments: true), Ct).ToListAsync(Ct);
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => client.GetIssueAsync(Widget, 9, Ct)); // 301, followed

        var sent = sandbox.Stats.Snapshot().ForInstance(hub.Name);
        // 1 user + 2 listings + labels + milestones + create + (POST labels, DELETE label, PATCH) + comment + its edit
        // + comments + reactions + (issue page, repository comments page) + (301, followed).
        Assert.Equal((17L, 17L), (sent, fixture.Counter.Snapshot().TotalFor("hub")));
        Assert.Equal(new Dictionary<string, long> { [GitHubApiVersion.Current] = sent }, sandbox.Stats.ApiVersions(hub.Name));
    }

    [Fact]
    public async Task GetIssue_WhenRedirectedToAnotherHost_SendsTheApiVersionOnlyToGitHub()
    {
        using var hosts = new TwoHostFixture(TrackerKind.GitHub, "/api/v3");
        hosts.Tracker.Given(Request.Create().WithPath("/api/v3/repos/acme/widget/issues/42").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", $"{hosts.Elsewhere.Url}/mirror/issues/42"));
        hosts.Elsewhere.Given(Request.Create().WithPath("/mirror/issues/42").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404));

        await Assert.ThrowsAnyAsync<TrackerException>(() => hosts.Client.GetIssueAsync("acme/widget", 42, Ct));

        Assert.Equal("2022-11-28", TwoHostFixture.Header(hosts.Tracker.LogEntries.Single(), GitHubApiVersion.Header));
        Assert.Null(TwoHostFixture.Header(hosts.Elsewhere.LogEntries.Single(), GitHubApiVersion.Header));
    }
}
