using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers;

/// <summary>The GitHub adapter against a sandbox-style root (<c>/github/api/v3</c>), so the base-address derivation is exercised.</summary>
public sealed class GitHubTrackerClientTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string IssuesPath = Root + "/repos/acme/widget/issues";
    private readonly TrackerFixture _fixture = new("hub", TrackerKind.GitHub, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task GetIssue_MapsEveryCarriedField()
    {
        _fixture.Server.Given(Request.Create().WithPath(IssuesPath + "/42").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.GitHubIssue(42)));

        var issue = await _fixture.Client.GetIssueAsync("acme/widget", 42, Ct);

        Assert.Equal(new IssueRef(new ProjectRef("hub", "acme/widget"), 42), issue.Ref);
        Assert.Equal(1000042, issue.Id);
        Assert.Equal("Found a bug #42", issue.Title);
        Assert.Equal("I'm having a problem with this.", issue.Body);
        Assert.Equal(IssueState.Closed, issue.State);
        Assert.Equal("not_planned", issue.StateReason);
        Assert.Equal(["bug", "ui"], issue.Labels);
        Assert.Equal("v1.0", issue.Milestone);
        Assert.Equal(new DateOnly(2012, 10, 9), issue.MilestoneDueDate); // due_on 2012-10-09T23:39:01Z
        Assert.Equal(new TrackerUser("octocat", 1), issue.Author);
        Assert.Equal(new DateTimeOffset(2011, 4, 22, 13, 33, 48, TimeSpan.Zero), issue.CreatedAt);
        Assert.Equal(new DateTimeOffset(2011, 4, 23, 13, 33, 48, TimeSpan.Zero), issue.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2011, 4, 24, 10, 0, 0, TimeSpan.Zero), issue.ClosedAt);
        Assert.Equal("https://github.com/acme/widget/issues/42", issue.WebUrl);
        Assert.Equal(5, issue.Upvotes);
        Assert.Equal(2, issue.Downvotes);
        Assert.Equal(4, issue.CommentCount);
        Assert.False(issue.Confidential);
        Assert.Null(issue.Weight);
        Assert.Null(issue.MovedToId);
        Assert.Null(issue.DuplicateOf);

        var request = Assert.Single(_fixture.Server.LogEntries).RequestMessage;
        Assert.Equal($"Bearer {TrackerFixture.Token}", request.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task GetCurrentUser_ReadsLoginAndId()
    {
        _fixture.Server.Given(Request.Create().WithPath(Root + "/user").UsingGet())
            .RespondWith(Json(200, Payloads.GitHubUser));

        var user = await _fixture.Client.GetCurrentUserAsync(Ct);

        Assert.Equal(new TrackerUser("octocat", 1), user);
        Assert.Equal(1, _fixture.Counter.Snapshot().Trackers["hub"].Count("GET", EndpointKinds.User));
    }

    [Fact]
    public async Task ListIssues_With250Items_Makes3RequestsAndSkipsPullRequests()
    {
        // 250 items over three pages; every tenth item is a pull request.
        string Item(int n) => Payloads.GitHubIssue(n, pullRequest: n % 10 == 0, state: "open");
        var pageUrl = $"{_fixture.Server.Url}{IssuesPath}?per_page=100&state=open&sort=updated&direction=asc&page=";
        Page(null, Enumerable.Range(1, 100).Select(Item), $"<{pageUrl}2>; rel=\"next\", <{pageUrl}3>; rel=\"last\"");
        Page("2", Enumerable.Range(101, 100).Select(Item), $"<{pageUrl}3>; rel=\"next\", <{pageUrl}3>; rel=\"last\"");
        Page("3", Enumerable.Range(201, 50).Select(Item), $"<{pageUrl}1>; rel=\"first\", <{pageUrl}2>; rel=\"prev\"");

        var since = new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));
        var issues = await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(IssueStateFilter.Open, ["bug", "ui"], since), Ct).ToListAsync(Ct);

        Assert.Equal(225, issues.Count);
        Assert.DoesNotContain(issues, i => i.Ref.Number % 10 == 0);
        Assert.Equal(3, _fixture.RequestCount);
        var first = _fixture.Server.LogEntries[0].RequestMessage;
        Assert.Equal("100", first.Query!["per_page"].Single());
        Assert.Equal("open", first.Query["state"].Single());
        Assert.Equal("bug,ui", first.Query["labels"].Single());
        Assert.Equal("updated", first.Query["sort"].Single());
        Assert.Equal("asc", first.Query["direction"].Single());
        Assert.Equal(since, DateTimeOffset.Parse(first.Query["since"].Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["2", "3"], _fixture.Server.LogEntries.Skip(1).Select(e => e.RequestMessage.Query!["page"].Single()));
        var counts = _fixture.Counter.Snapshot().Trackers["hub"];
        Assert.Equal(_fixture.RequestCount, counts.Total);
        Assert.Equal(3, counts.Count("GET", EndpointKinds.IssuesList));
    }

    [Theory]
    [InlineData(IssueStateFilter.Closed, "closed")]
    [InlineData(IssueStateFilter.All, "all")]
    public async Task ListIssues_MapsStateFilter(IssueStateFilter state, string expected)
    {
        _fixture.Server.Given(Request.Create().WithPath(IssuesPath).UsingGet()).RespondWith(Json(200, "[]"));

        var issues = await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(state), Ct).ToListAsync(Ct);

        Assert.Empty(issues);
        var request = Assert.Single(_fixture.Server.LogEntries).RequestMessage;
        Assert.Equal(expected, request.Query!["state"].Single());
        Assert.False(request.Query.ContainsKey("since"));
    }

    [Fact]
    public async Task GetIssue_OfPullRequest_ThrowsNotFound()
    {
        _fixture.Server.Given(Request.Create().WithPath(IssuesPath + "/10").UsingGet())
            .RespondWith(Json(200, Payloads.GitHubIssue(10, pullRequest: true)));

        await Assert.ThrowsAsync<TrackerNotFoundException>(() => _fixture.Client.GetIssueAsync("acme/widget", 10, Ct));
    }

    internal static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    private void Page(string? page, IEnumerable<string> items, string link)
    {
        var request = Request.Create().WithPath(IssuesPath).UsingGet();
        _fixture.Server.Given(page is null ? request : request.WithParam("page", page)).AtPriority(page is null ? 5 : 1)
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/json; charset=utf-8")
                .WithHeader("Link", link)
                .WithBody(Payloads.GitHubIssues(items)));
    }
}
