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
            Issue("7", "Dark mode", awards: ["thumbsup", "thumbsup_tone2", "heart"], more: false),
            Issue("9", "Export CSV", awards: [], more: false)));

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(["POST /api/graphql"], _lab.Lines);
        var body = _lab.Requests[0].Json;
        Assert.Contains("awardEmoji(first: $awards)", body.GetProperty("query").GetString(), StringComparison.Ordinal);
        var variables = body.GetProperty("variables");
        Assert.Equal("acme/widget", variables.GetProperty("fullPath").GetString());
        Assert.Equal("opened", variables.GetProperty("state").GetString());
        Assert.Equal(17, variables.GetProperty("first").GetInt32());
        Assert.Equal(3, variables.GetProperty("awards").GetInt32());
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("after").ValueKind);
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("iids").ValueKind);
        Assert.Equal([7L, 9L], signals.Select(s => s.Number));
        Assert.Equal(new Dictionary<string, int> { ["thumbsup"] = 1, ["thumbsup_tone2"] = 1, ["heart"] = 1 }, signals[0].Counts);
        Assert.Empty(signals[1].Counts);
        Assert.All(signals, s => Assert.Null(s.Voters));
        Assert.Equal("Dark mode", signals[0].Title);
        Assert.Equal(new TrackerUser("alice", 18), signals[0].Author);
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "graphql"));
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task ListVoteSignals_FollowsEndCursor_AndCompletesAnOverflowingAwardListThroughRest()
    {
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("\"after\":null", StringComparison.Ordinal)))
            .RespondWith(Json(200, Page(hasNext: true, cursor: "eyJpZCI6IjEifQ", Issue("7", "Dark mode", awards: ["heart", "rocket", "tada"], more: true))));
        _lab.Fixture.Server.Given(GraphQl().WithBody(b => b is not null && b.Contains("\"after\":\"eyJpZCI6IjEifQ\"", StringComparison.Ordinal)))
            .RespondWith(Json(200, Page(hasNext: false, cursor: "eyJpZCI6IjIifQ", Issue("8", "Sync", awards: [], more: false))));
        _lab.Stub("GET", "/issues/7/award_emoji", 200, $"[{GitLabPayloads.Award(1, "heart")},{GitLabPayloads.Award(2, "rocket")},{GitLabPayloads.Award(3, "tada")},{GitLabPayloads.Award(4, "heart")}]");

        var signals = await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(["POST /api/graphql", "GET /api/v4/projects/acme%2Fwidget/issues/7/award_emoji", "POST /api/graphql"], _lab.Lines);
        Assert.Equal(new Dictionary<string, int> { ["heart"] = 2, ["rocket"] = 1, ["tada"] = 1 }, signals[0].Counts);
        Assert.Equal([1L, 2L, 3L, 4L], signals[0].Voters!.Select(v => v.Id));
        Assert.Null(signals[1].Voters);
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
                  {"id":"gid://gitlab/Note/302","awardEmoji":{"pageInfo":{"hasNextPage":false},"nodes":[{"name":"thumbsup"},{"name":"thumbsup"}]}},
                  {"id":"gid://gitlab/Note/305","awardEmoji":{"pageInfo":{"hasNextPage":false},"nodes":[]}}]}}]}}}}
                """));

        var signal = Assert.Single(await _lab.Client.ListVoteSignalsAsync("acme/widget", new VoteSignalQuery(Comments: true), Ct).ToListAsync(Ct));

        var comment = Assert.Single(signal.Comments!);
        Assert.Equal(302, comment.CommentId);
        Assert.Equal(2, comment.Counts["thumbsup"]);
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

    private static string Issue(string iid, string title, string[] awards, bool more) =>
        "{\"iid\":\"" + iid + "\",\"title\":\"" + title + "\",\"author\":{\"id\":\"gid://gitlab/User/18\",\"username\":\"alice\"},"
        + "\"awardEmoji\":{\"pageInfo\":{\"hasNextPage\":" + (more ? "true" : "false") + "},\"nodes\":["
        + string.Join(",", awards.Select(a => "{\"name\":\"" + a + "\"}")) + "]}}";
}
