using System.Text.Json;
using Sync.Core.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// The GitLab vote-signal read against a WireMock GitLab: what is sent to /api/graphql, how GitLab's answers map,
/// and how GitLab's GraphQL refusals (HTTP 200 with <c>errors</c>) and HTTP failures become tracker exceptions.
/// </summary>
public sealed class GitLabVoteSignalContractTests : IDisposable
{
    private const string GraphQlPath = "/api/graphql";

    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task ListVoteSignals_PostsTheQueryBesideTheRestRoot_AndMapsCountsTitleAndAuthor()
    {
        StubGraphQl(200, Page(hasNext: false, cursor: null,
            Issue("7", "Dark mode", awards: ["thumbsup_tone2"], more: false),
            Issue("9", "Export CSV", awards: [], more: false)));

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(["POST /api/graphql"], _lab.Lines);
        var body = _lab.Requests[0].Json;
        var document = body.GetProperty("query").GetString();
        Assert.Contains("awardEmoji(last: $awards) { pageInfo { hasPreviousPage endCursor } nodes { name } }", document, StringComparison.Ordinal);
        Assert.Contains("upvotes", document, StringComparison.Ordinal);
        Assert.Contains("downvotes", document, StringComparison.Ordinal);
        var variables = body.GetProperty("variables");
        Assert.Equal("acme/widget", variables.GetProperty("fullPath").GetString());
        Assert.Equal("opened", variables.GetProperty("state").GetString());
        Assert.Equal(16, variables.GetProperty("first").GetInt32());
        Assert.Equal(1, variables.GetProperty("awards").GetInt32());
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("after").ValueKind);
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("iids").ValueKind);
        Assert.Equal([7L, 9L], signals.Select(s => s.Number));
        Assert.Equal(new Dictionary<string, int> { ["thumbsup_tone2"] = 1 }, signals[0].Counts);
        Assert.Empty(signals[1].Counts);
        Assert.All(signals, s => Assert.Null(s.Voters));
        Assert.Equal("Dark mode", signals[0].Title);
        Assert.Equal(new TrackerUser("alice", 18), signals[0].Author);
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "graphql"));
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task ListVoteSignals_FollowsEndCursor_AndSignalsAnOverflowingAwardListWithoutRest()
    {
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("\"after\":null", StringComparison.Ordinal)))
            .RespondWith(Json(200, Page(hasNext: true, cursor: "eyJpZCI6IjEifQ",
                Issue("7", "Dark mode", awards: ["heart"], more: true, upvotes: 212, downvotes: 3, newest: "eyJpZCI6IjkwMSJ9"))));
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("\"after\":\"eyJpZCI6IjEifQ\"", StringComparison.Ordinal)))
            .RespondWith(Json(200, Page(hasNext: false, cursor: "eyJpZCI6IjIifQ", Issue("8", "Sync", awards: [], more: false))));

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(["POST /api/graphql", "POST /api/graphql"], _lab.Lines);
        Assert.Equal(
            new Dictionary<string, int> { ["heart"] = 1, ["~upvotes"] = 212, ["~downvotes"] = 3, ["~overflow"] = 1, ["~newest:eyJpZCI6IjkwMSJ9"] = 1 },
            signals[0].Counts);
        Assert.All(signals, s => Assert.Null(s.Voters));
        Assert.Empty(signals[1].Counts);
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task ListVoteSignals_ByNumbers_SendsIidsAsStringsWithoutState()
    {
        StubGraphQl(200, Page(hasNext: false, cursor: null, Issue("3", "Old", awards: ["thumbsdown"], more: false)));

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(Numbers: [3, 3]), Ct).ToListAsync(Ct);

        var variables = _lab.Requests.Single().Json.GetProperty("variables");
        Assert.Equal(["3"], variables.GetProperty("iids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, variables.GetProperty("first").GetInt32());
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("state").ValueKind);
        Assert.Equal(1, Assert.Single(signals).Counts["thumbsdown"]);
    }

    [Theory]
    [InlineData("""{"errors":[{"message":"Query has complexity of 262, which exceeds max complexity of 250"}]}""", "Query has complexity of 262")]
    [InlineData("""{"errors":[{"message":"Field 'createdAt' doesn't exist on type 'AwardEmoji'","locations":[{"line":9,"column":70}],"path":["query VoteSignals","project","issues","nodes","awardEmoji","nodes","createdAt"],"extensions":{"code":"undefinedField","typeName":"AwardEmoji","fieldName":"createdAt"}}]}""", "doesn't exist on type 'AwardEmoji'")]
    public async Task ListVoteSignals_ErrorsInA200Answer_ThrowValidationWithGitLabsMessage_WithoutRetry(string answer, string message)
    {
        StubGraphQl(200, answer);

        var error = await Assert.ThrowsAsync<TrackerValidationException>(async () =>
            await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _lab.Fixture.RequestCount);
    }

    [Fact]
    public async Task ListVoteSignals_ProjectNull_ThrowsNotFound()
    {
        StubGraphQl(200, """{"data":{"project":null}}""");

        await Assert.ThrowsAsync<TrackerNotFoundException>(async () =>
            await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task ListVoteSignals_Unauthorized_ThrowsUnauthorized_AndSendsTheTokenOnlyAsPrivateToken()
    {
        StubGraphQl(401, """{"message":"401 Unauthorized"}""");

        await Assert.ThrowsAsync<TrackerUnauthorizedException>(async () =>
            await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct));

        var headers = _lab.Fixture.Server.LogEntries.Single().RequestMessage.Headers!;
        Assert.Equal(TrackerFixture.Token, headers["PRIVATE-TOKEN"].Single());
    }

    [Fact]
    public async Task ListVoteSignals_502ThenAnswer_RetriesTheQueryLikeARead()
    {
        _lab.Fixture.Server.Given(GraphQl()).InScenario("flaky").WillSetStateTo("ok").RespondWith(Json(502, "<html>502 Bad Gateway</html>"));
        _lab.Fixture.Server.Given(GraphQl()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Json(200, Page(hasNext: false, cursor: null, Issue("7", "Dark mode", awards: [], more: false))));

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Single(signals);
        Assert.Equal(2, _lab.Fixture.RequestCount);
    }

    [Fact]
    public async Task ListVoteSignals_WithComments_SendsTheCommentQueryByIids_AndMapsNoteIds()
    {
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("query VoteSignals", StringComparison.Ordinal)))
            .RespondWith(Json(200, Page(hasNext: false, cursor: null, Issue("7", "Dark mode", awards: [], more: false))));
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("query CommentSignals", StringComparison.Ordinal)))
            .RespondWith(Json(200, """
                {"data":{"project":{"issues":{"nodes":[{"iid":"7","notes":{"pageInfo":{"hasNextPage":false},"nodes":[
                  {"id":"gid://gitlab/Note/302","awardEmoji":{"pageInfo":{"hasPreviousPage":true,"endCursor":"eyJpZCI6Ijc3In0"},"nodes":[{"name":"thumbsup"}]}},
                  {"id":"gid://gitlab/Note/304","awardEmoji":{"pageInfo":{"hasPreviousPage":false,"endCursor":"eyJpZCI6Ijc4In0"},"nodes":[{"name":"tada"}]}},
                  {"id":"gid://gitlab/Note/305","awardEmoji":{"pageInfo":{"hasPreviousPage":false,"endCursor":null},"nodes":[]}}]}}]}}}}
                """));

        var signal = Assert.Single(await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(Comments: true), Ct).ToListAsync(Ct));

        Assert.Equal([302L, 304L], signal.Comments!.Select(c => c.CommentId));
        Assert.Equal(new Dictionary<string, int> { ["thumbsup"] = 1, ["~overflow"] = 1, ["~newest:eyJpZCI6Ijc3In0"] = 1 }, signal.Comments![0].Counts);
        Assert.Equal(new Dictionary<string, int> { ["tada"] = 1 }, signal.Comments[1].Counts);
        Assert.All(signal.Comments, c => Assert.Null(c.Voters));
        Assert.Contains("awardEmoji(last: $awards) { pageInfo { hasPreviousPage endCursor } nodes { name } }", _lab.Requests[1].Json.GetProperty("query").GetString(), StringComparison.Ordinal);
        var variables = _lab.Requests[1].Json.GetProperty("variables");
        Assert.Equal(["7"], variables.GetProperty("iids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, variables.GetProperty("notes").GetInt32());
        Assert.Equal(2, _lab.Fixture.RequestCount);
    }

    private static IRequestBuilder GraphQl() => Request.Create().WithPath(GraphQlPath).UsingPost();

    private void StubGraphQl(int status, string body) => _lab.Fixture.Server.Given(GraphQl()).RespondWith(Json(status, body));

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    // GitLab's answer shape for GitLabVoteSignalDocument.Query (iids are strings, user ids global ids).
    private static string Page(bool hasNext, string? cursor, params string[] issues) =>
        "{\"data\":{\"project\":{\"issues\":{\"pageInfo\":{\"hasNextPage\":" + (hasNext ? "true" : "false")
        + ",\"endCursor\":" + (cursor is null ? "null" : "\"" + cursor + "\"") + "},\"nodes\":[" + string.Join(",", issues) + "]}}}}";

    private static string Issue(string iid, string title, string[] awards, bool more, int upvotes = 0, int downvotes = 0, string? newest = null) =>
        "{\"iid\":\"" + iid + "\",\"title\":\"" + title + "\",\"author\":{\"id\":\"gid://gitlab/User/18\",\"username\":\"alice\"},"
        + "\"upvotes\":" + upvotes + ",\"downvotes\":" + downvotes + ","
        + "\"awardEmoji\":{\"pageInfo\":{\"hasPreviousPage\":" + (more ? "true" : "false")
        + ",\"endCursor\":" + (newest is null ? "null" : "\"" + newest + "\"") + "},\"nodes\":["
        + string.Join(",", awards.Select(a => "{\"name\":\"" + a + "\"}")) + "]}}";
}
