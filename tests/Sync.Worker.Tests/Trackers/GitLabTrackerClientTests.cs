using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers;

public sealed class GitLabTrackerClientTests : IDisposable
{
    private const string Root = "/gitlab-dev/api/v4";
    private const string IssuesPath = Root + "/projects/acme%2Fwidget/issues";
    private readonly TrackerFixture _fixture = new("lab", TrackerKind.GitLab, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private static IRequestBuilder IssuesRequest() =>
        Request.Create().WithPath(new WildcardMatcher(Root + "/projects/*/issues", ignoreCase: false)).UsingGet();

    [Fact]
    public async Task GetIssue_MapsEveryCarriedField()
    {
        _fixture.Server.Given(Request.Create().WithPath(new WildcardMatcher(Root + "/projects/*/issues/41")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.GitLabIssue(41)));

        var issue = await _fixture.Client.GetIssueAsync("acme/widget", 41, Ct);

        Assert.Equal(new IssueRef(new ProjectRef("lab", "acme/widget"), 41), issue.Ref);
        Assert.Equal(76041, issue.Id);
        Assert.Equal("Widget crashes on start #41", issue.Title);
        Assert.Equal("Steps:\n1. open\n2. crash", issue.Body);
        Assert.Equal(IssueState.Closed, issue.State);
        Assert.Equal(["bug", "priority::high"], issue.Labels);
        Assert.Equal("v4.0", issue.Milestone);
        Assert.Null(issue.MilestoneDueDate); // the documented example has "due_date": null
        Assert.Equal(new TrackerUser("alice", 18), issue.Author);
        Assert.Equal(new DateTimeOffset(2016, 1, 4, 15, 31, 51, 81, TimeSpan.Zero), issue.CreatedAt);
        Assert.Equal(new DateTimeOffset(2016, 1, 5, 10, 0, 0, TimeSpan.Zero), issue.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2016, 1, 6, 12, 0, 0, TimeSpan.Zero), issue.ClosedAt);
        Assert.Equal("https://gitlab.example.com/acme/widget/issues/41", issue.WebUrl);
        Assert.True(issue.Confidential);
        Assert.Equal(12, issue.Upvotes);
        Assert.Equal(3, issue.Downvotes);
        Assert.Equal(7, issue.CommentCount);
        Assert.Equal(5, issue.Weight);
        Assert.Equal(9001, issue.MovedToId);
        Assert.Null(issue.StateReason);
        Assert.Equal("https://gitlab.example.com/api/v4/projects/4/issues/12", issue.DuplicateOf);

        var request = Assert.Single(_fixture.Server.LogEntries).RequestMessage;
        Assert.Contains("/gitlab-dev/api/v4/projects/acme%2Fwidget/issues/41", request.Url, StringComparison.Ordinal);
        Assert.Equal(TrackerFixture.Token, request.Headers!["PRIVATE-TOKEN"].Single());
    }

    [Fact]
    public async Task GetCurrentUser_ReadsUsernameAndId()
    {
        _fixture.Server.Given(Request.Create().WithPath(Root + "/user").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabUser));

        var user = await _fixture.Client.GetCurrentUserAsync(Ct);

        Assert.Equal(new TrackerUser("alice", 18), user);
        Assert.Equal(1, _fixture.Counter.Snapshot().Trackers["lab"].Count("GET", EndpointKinds.User));
    }

    [Fact]
    public async Task ListIssues_With250Issues_Makes3Requests()
    {
        Page(null, 1, 100, "2");
        Page("2", 101, 100, "3");
        Page("3", 201, 50, string.Empty);

        var query = new IssueQuery(IssueStateFilter.Open, ["bug", "ui"], new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.FromHours(2)));
        var issues = await _fixture.Client.ListIssuesAsync("acme/widget", query, Ct).ToListAsync(Ct);

        Assert.Equal(250, issues.Count);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i), issues.Select(i => i.Ref.Number));
        var requests = _fixture.Server.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(3, requests.Count);
        foreach (var request in requests)
        {
            Assert.Equal("100", request.Query!["per_page"].Single());
            Assert.Equal("opened", request.Query["state"].Single());
            Assert.Equal("bug,ui", request.Query["labels"].Single());
            Assert.Equal("2024-03-01T10:30:00.000Z", request.Query["updated_after"].Single());
            Assert.Equal("updated_at", request.Query["order_by"].Single());
            Assert.Equal("asc", request.Query["sort"].Single());
        }

        Assert.Equal(["2", "3"], requests.Skip(1).Select(r => r.Query!["page"].Single()));
        var counts = _fixture.Counter.Snapshot().Trackers["lab"];
        Assert.Equal(_fixture.RequestCount, counts.Total);
        Assert.Equal(3, counts.Count("GET", EndpointKinds.IssuesList));
    }

    [Fact]
    public async Task ListIssues_FollowsLinkHeader_WhenNoNextPageHeader()
    {
        var next = $"{_fixture.Server.Url}{IssuesPath}?page=2&per_page=100&state=all";
        _fixture.Server.Given(IssuesRequest().WithParam("page", "2")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssues(2, 1)));
        _fixture.Server.Given(IssuesRequest()).AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Link", $"<{next}>; rel=\"next\"").WithBody(Payloads.GitLabIssues(1, 1)));

        var issues = await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(), Ct).ToListAsync(Ct);

        Assert.Equal([1L, 2L], issues.Select(i => i.Ref.Number));
        Assert.Equal(2, _fixture.RequestCount);
        Assert.Equal("all", _fixture.Server.LogEntries[0].RequestMessage.Query!["state"].Single());
    }

    [Theory]
    [InlineData(IssueStateFilter.Closed, "closed")]
    [InlineData(IssueStateFilter.All, "all")]
    public async Task ListIssues_MapsStateFilter(IssueStateFilter state, string expected)
    {
        _fixture.Server.Given(IssuesRequest()).RespondWith(Response.Create().WithStatusCode(200).WithBody("[]"));

        var issues = await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(state), Ct).ToListAsync(Ct);

        Assert.Empty(issues);
        var request = Assert.Single(_fixture.Server.LogEntries).RequestMessage;
        Assert.Equal(expected, request.Query!["state"].Single());
        Assert.False(request.Query.ContainsKey("updated_after"));
        Assert.False(request.Query.ContainsKey("labels"));
    }

    private void Page(string? page, int from, int count, string nextPage)
    {
        var request = page is null ? IssuesRequest() : IssuesRequest().WithParam("page", page);
        _fixture.Server.Given(request).AtPriority(page is null ? 5 : 1)
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("x-next-page", nextPage)
                .WithHeader("x-per-page", "100")
                .WithHeader("x-total", "250")
                .WithBody(Payloads.GitLabIssues(from, count)));
    }
}
