using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// The vote-signal read against recorded and documented GitHub payloads over WireMock: which requests it sends, how it
/// follows <c>Link</c>, what it keeps of each page, and what it maps.
/// </summary>
public sealed class GitHubVoteSignalContractTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string Recorded = "octokit-fixture-org/paginate-issues";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly GitHubClientFixture _fixture;

    public GitHubVoteSignalContractTests() => _fixture = GitHubClientFixture.ForWireMock(_server, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, int> Zero => new() { ["+1"] = 0, ["-1"] = 0, ["laugh"] = 0, ["confused"] = 0, ["heart"] = 0, ["hooray"] = 0, ["eyes"] = 0, ["rocket"] = 0 };

    public void Dispose()
    {
        _fixture.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task ListVoteSignals_RecordedPages_FollowsLinkAcrossFivePagesAndFillsAuthorTitleAndEveryRollupKey()
    {
        ReplayRecordedPages();

        var signals = await _fixture.Client.ListVoteSignalsAsync(Recorded, new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(Enumerable.Range(1, 13).Reverse().Select(n => (long)n), signals.Select(s => s.Number));
        Assert.All(signals, s => Assert.Equal(Zero, s.Counts));
        Assert.All(signals, s => Assert.Null(s.Voters));
        Assert.Equal(("Test issue 13", new TrackerUser("octokit-fixture-user-a", 1000)), (signals[0].Title, signals[0].Author));
        var requests = _server.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(5, requests.Count);
        Assert.Equal(
            new Dictionary<string, string> { ["state"] = "open", ["sort"] = "created", ["direction"] = "asc", ["per_page"] = "100" },
            requests[0].Query!.ToDictionary(q => q.Key, q => q.Value.Single()));
        Assert.Equal(["2", "3", "4", "5"], requests.Skip(1).Select(r => r.Query!["page"].Single()));
        Assert.All(requests.Skip(1), r => Assert.Equal(Root + "/repositories/1000/issues", r.Path));
    }

    [Fact]
    public async Task ListVoteSignals_SecondRead_OffersEachPagesETagAndAnswersEvery304FromTheTrimmedStore()
    {
        ReplayRecordedPages();
        var first = await _fixture.Client.ListVoteSignalsAsync(Recorded, new VoteSignalQuery(), Ct).ToListAsync(Ct);
        _fixture.Counter.Reset();

        var second = await _fixture.Client.ListVoteSignalsAsync(Recorded, new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
        var repeated = _server.LogEntries.Skip(5).ToList();
        Assert.Equal(["\"page-1\"", "\"page-2\"", "\"page-3\"", "\"page-4\"", "\"page-5\""], repeated.Select(e => e.RequestMessage.Headers!["If-None-Match"].Single()));
        Assert.All(repeated, e => Assert.Equal(304, e.ResponseMessage.StatusCode));
        Assert.Equal(5, _fixture.Counter.Snapshot().Trackers["hub"].ByStatus[new RequestKey("hub", "GET", EndpointKinds.IssuesList, 304)]);

        // Each page is kept with only what a vote signal needs: no bodies, labels or the users' dozen URLs.
        var stored = ((InMemoryCursorStore)_fixture.Store).Responses.Values.ToList();
        Assert.Equal(5, stored.Count);
        var page = JsonNode.Parse(JsonNode.Parse(stored.Single(r => r.ETag == "\"page-1\"").Body)!["Body"]!.GetValue<string>())!.AsArray();
        Assert.Equal(["id", "number", "reactions", "title", "user"], page[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["id", "login"], page[0]!["user"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListVoteSignals_PullRequestsAreSkipped_AndEachRollupContentIsACount()
    {
        Serve("/repos/acme/widget/issues", Payloads.GitHubIssues([Payloads.GitHubIssue(1, state: "open"), Payloads.GitHubIssue(2, pullRequest: true), Payloads.GitHubIssue(3)]));

        var signals = await _fixture.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(IssueStateFilter.All), Ct).ToListAsync(Ct);

        Assert.Equal([1L, 3L], signals.Select(s => s.Number));
        var expected = new Dictionary<string, int> { ["+1"] = 5, ["-1"] = 2, ["laugh"] = 0, ["confused"] = 0, ["heart"] = 1, ["hooray"] = 1, ["eyes"] = 0, ["rocket"] = 0 };
        Assert.All(signals, s => Assert.Equal(expected, s.Counts));
        Assert.Equal("all", Assert.Single(_server.LogEntries).RequestMessage.Query!["state"].Single());
    }

    [Fact]
    public async Task ListVoteSignals_Numbers_OneGetPerDistinctNumber_LeavingOutMissingGoneAndPullRequests()
    {
        Serve("/repos/acme/widget/issues/1", Payloads.GitHubIssue(1));
        Serve("/repos/acme/widget/issues/2", Payloads.GitHubIssue(2, pullRequest: true));
        Serve("/repos/acme/widget/issues/3", """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}""", 404);
        Serve("/repos/acme/widget/issues/4", """{"message":"This issue was deleted","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"410"}""", 410);

        var signals = await _fixture.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(Numbers: [4, 3, 2, 1, 1]), Ct).ToListAsync(Ct);

        Assert.Equal(1L, Assert.Single(signals).Number);
        Assert.Equal(
            [Root + "/repos/acme/widget/issues/1", Root + "/repos/acme/widget/issues/2", Root + "/repos/acme/widget/issues/3", Root + "/repos/acme/widget/issues/4"],
            _server.LogEntries.Select(e => e.RequestMessage.Path));
    }

    [Fact]
    public async Task ListVoteSignals_WithComments_ReadsTheRepositoryCommentPagesAndGroupsRollupsByIssueUrl()
    {
        Serve("/repos/acme/widget/issues", Payloads.GitHubIssues([Payloads.GitHubIssue(1, state: "open"), Payloads.GitHubIssue(3, state: "open")]));
        string Comment(long id, int issue) => Payloads.GitHubComment(id).Replace("/issues/1347\"", $"/issues/{issue}\"", StringComparison.Ordinal);
        Serve("/repos/acme/widget/issues/comments", "[" + string.Join(",", Comment(10, 1), Comment(11, 3), Comment(12, 1), Comment(13, 99)) + "]");

        var signals = await _fixture.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(Comments: true), Ct).ToListAsync(Ct);

        Assert.Equal([[10L, 12L], [11L]], signals.Select(s => s.Comments!.Select(c => c.CommentId).ToArray()));
        Assert.Equal(1, signals[0].Comments![0].Counts["+1"]);
        var comments = _server.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("/comments", StringComparison.Ordinal)).RequestMessage;
        Assert.Equal(("created", "asc", "100"), (comments.Query!["sort"].Single(), comments.Query["direction"].Single(), comments.Query["per_page"].Single()));
        Assert.Equal(2, _server.LogEntries.Count);
    }

    [Fact]
    public async Task ListVoteSignals_IssueWithoutRollup_FailsInsteadOfCountingNoVotes()
    {
        var issue = JsonNode.Parse(Payloads.GitHubIssue(1, state: "open"))!.AsObject();
        issue.Remove("reactions");
        Serve("/repos/acme/widget/issues", "[" + issue.ToJsonString() + "]");

        var error = await Assert.ThrowsAsync<TrackerProtocolException>(() => _fixture.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("reactions rollup", error.Message, StringComparison.Ordinal);
    }

    private void Serve(string path, string body, int status = 200) =>
        _server.Given(Request.Create().WithPath(Root + path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithHeader("ETag", "\"" + path.GetHashCode(StringComparison.Ordinal) + "\"").WithBody(body));

    /// <summary>
    /// The five recorded pages. Altered: the Link URLs point at WireMock instead of api.github.com, and each page gets
    /// its own ETag (the normalised recording zeroes them all); a request offering it is answered 304.
    /// </summary>
    private void ReplayRecordedPages()
    {
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Trackers", "GitHub", "Fixtures", "octokit-paginate-issues.json")))!.AsArray();
        for (var page = 1; page <= recorded.Count; page++)
        {
            var exchange = recorded[page - 1]!;
            var etag = $"\"page-{page}\"";
            var link = exchange["headers"]!["link"]!.GetValue<string>().Replace("https://api.github.com", _server.Url + Root, StringComparison.Ordinal);
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IRequestBuilder Request() => page == 1
                ? WireMock.RequestBuilders.Request.Create().WithPath(Root + "/repos/" + Recorded + "/issues").UsingGet()
                : WireMock.RequestBuilders.Request.Create().WithPath(Root + "/repositories/1000/issues").WithParam("page", number).UsingGet();
            _server.Given(Request().WithHeader("If-None-Match", etag)).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", etag).WithHeader("Link", link));
            _server.Given(Request()).AtPriority(5)
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8")
                    .WithHeader("ETag", etag).WithHeader("Link", link).WithBody(exchange["response"]!.ToJsonString()));
        }
    }
}
