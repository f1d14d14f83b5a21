using Sync.Worker.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

public sealed class GitLabBoardTests : IDisposable
{
    private const string Boards = GitLabContract.Project + "/boards";
    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    private int Writes => _lab.Requests.Count(r => r.Method != "GET");

    [Fact]
    public async Task EnsureBoard_WhenAlreadyRight_MakesExactlyTwoReadsAndNoWrites()
    {
        var lists = new[] { GitLabPayloads.BoardList(101, 1, "todo", 0), GitLabPayloads.BoardList(102, 2, "doing", 1) };
        _lab.Stub("GET", "/boards", 200, $"[{GitLabPayloads.Board(9, "Other")},{GitLabPayloads.Board(10, "Triage", lists)}]");
        _lab.Stub("GET", "/boards/10/lists", 200, $"[{string.Join(",", lists)}]");

        var board = await _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo", "doing"], Ct);

        Assert.Equal(10, board.Id);
        Assert.Equal("Triage", board.Name);
        Assert.Equal(["todo", "doing"], board.ListLabels);
        Assert.Equal(["GET " + Boards, "GET " + Boards + "/10/lists"], _lab.Lines);
        Assert.Equal(0, Writes);
        _lab.AssertCounterMatchesServer();
        var counts = _lab.Fixture.Counter.Snapshot().Trackers["lab"];
        Assert.Equal(1, counts.Count("GET", "boards.list"));
        Assert.Equal(1, counts.Count("GET", "board_lists.list"));
    }

    [Fact]
    public async Task EnsureBoard_MissingOneList_PostsExactlyThatList()
    {
        _lab.Stub("GET", "/boards", 200, $"[{GitLabPayloads.Board(10, "Triage", GitLabPayloads.BoardList(101, 1, "todo", 0))}]");
        _lab.Stub("GET", "/boards/10/lists", 200, $"[{GitLabPayloads.BoardList(101, 1, "todo", 0)}]");
        _lab.Stub("GET", "/labels", 200, $"[{GitLabPayloads.Label(1, "todo")},{GitLabPayloads.Label(2, "doing")}]");
        _lab.Stub("POST", "/boards/10/lists", 201, GitLabPayloads.BoardList(102, 2, "doing", 1));

        var board = await _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo", "doing"], Ct);

        Assert.Equal(["todo", "doing"], board.ListLabels);
        Assert.Equal(["GET " + Boards, "GET " + Boards + "/10/lists", "GET " + GitLabContract.Project + "/labels", "POST " + Boards + "/10/lists"], _lab.Lines);
        var post = Assert.Single(_lab.Requests, r => r.Method == "POST");
        Assert.Equal(["label_id"], post.Fields);
        Assert.Equal(2, post.Json.GetProperty("label_id").GetInt64());
        Assert.Equal(1, Writes);
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task EnsureBoard_OutOfOrder_PutsPositionsAndLeavesOtherListsAlone()
    {
        var lists = new[] { GitLabPayloads.BoardList(100, 7, "other", 0), GitLabPayloads.BoardList(102, 2, "doing", 1), GitLabPayloads.BoardList(101, 1, "todo", 2) };
        _lab.Stub("GET", "/boards", 200, $"[{GitLabPayloads.Board(10, "Triage", lists)}]");
        _lab.Stub("GET", "/boards/10/lists", 200, $"[{string.Join(",", lists)}]");
        _lab.Stub("PUT", "/boards/10/lists/*", 200, GitLabPayloads.BoardList(101, 1, "todo", 0));

        var board = await _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo", "doing"], Ct);

        Assert.Equal(["todo", "doing", "other"], board.ListLabels);
        var puts = _lab.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal([Boards + "/10/lists/101", Boards + "/10/lists/102"], puts.Select(p => p.Path));
        Assert.Equal([0, 1], puts.Select(p => p.Json.GetProperty("position").GetInt32()));
        Assert.All(puts, p => Assert.Equal(["position"], p.Fields));
        Assert.Equal(4, _lab.Requests.Count);
        Assert.Equal(2, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("PUT", "board_lists.edit"));
    }

    [Fact]
    public async Task EnsureBoard_WhenBoardAndLabelMissing_CreatesBoardLabelAndListsInOrder()
    {
        _lab.Stub("GET", "/boards", 200, $"[{GitLabPayloads.Board(9, "Other")}]");
        _lab.Stub("POST", "/boards", 201, GitLabPayloads.Board(11, "Triage"));
        _lab.Stub("GET", "/labels", 200, $"[{GitLabPayloads.Label(1, "todo")}]");
        _lab.Stub("POST", "/labels", 201, GitLabPayloads.Label(2, "doing", "#6699CC", null));
        foreach (var (labelId, name, position) in new[] { (1L, "todo", 0), (2L, "doing", 1) })
        {
            _lab.Fixture.Server
                .Given(Request.Create().WithPath(new WildcardMatcher(GitLabContract.Root + "/projects/*/boards/11/lists")).UsingPost()
                    .WithBody(new JsonPartialMatcher($$"""{"label_id":{{labelId}}}""")))
                .RespondWith(Response.Create().WithStatusCode(201).WithBody(GitLabPayloads.BoardList(200 + labelId, labelId, name, position)));
        }

        var board = await _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo", "doing"], Ct);

        Assert.Equal(11, board.Id);
        Assert.Equal(["todo", "doing"], board.ListLabels);
        Assert.Equal(
            ["GET " + Boards, "POST " + Boards, "GET " + GitLabContract.Project + "/labels", "POST " + Boards + "/11/lists", "POST " + GitLabContract.Project + "/labels", "POST " + Boards + "/11/lists"],
            _lab.Lines);
        Assert.Equal("Triage", _lab.Requests[1].Json.GetProperty("name").GetString());
        var label = _lab.Requests[4];
        Assert.Equal("doing", label.Json.GetProperty("name").GetString());
        Assert.Equal("#6699CC", label.Json.GetProperty("color").GetString());
        Assert.Equal([1L, 2L], _lab.Requests.Where(r => r.Path.EndsWith("/lists", StringComparison.Ordinal)).Select(r => r.Json.GetProperty("label_id").GetInt64()));
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task EnsureBoard_WithDuplicateLabels_ThrowsWithoutRequests()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo", "TODO"], Ct));

        Assert.Empty(_lab.Requests);
    }
}
