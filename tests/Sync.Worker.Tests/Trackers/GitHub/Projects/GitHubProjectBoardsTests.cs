using Sync.Core.Roadmap;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;
using static Sync.Worker.Tests.Trackers.GitHub.Projects.ProjectPayloads;

namespace Sync.Worker.Tests.Trackers.GitHub.Projects;

/// <summary>Projects v2 sync against WireMock: exact request budget, operations and variables per case.</summary>
public sealed class GitHubProjectBoardsTests : IDisposable
{
    private readonly ProjectsFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProjectBoardTarget Target => ProjectsFixture.Target;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Container_ResolvesTheGitHubAdapterForThePort() =>
        Assert.IsType<GitHubProjectBoards>(_fixture.Boards);

    [Fact]
    public async Task Sync_WhenBoardAlreadyMatches_SendsOnlyTheProjectQueryWithBearerToken()
    {
        _fixture.Answer(Board(IssueItem(12, Now) + "," + OtherItems + "," + IssueItem(14, Next) + "," + IssueItem(12, Later, "acme/other")), "query ProjectBoard");

        var writes = await _fixture.Boards.SyncAsync("HUB", Target, new Dictionary<long, string> { [12] = "now", [14] = "Next" }, dryRun: false, Ct);

        Assert.Empty(writes);
        var request = Assert.Single(_fixture.Requests).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal(ProjectsFixture.GraphQlPath, request.Path);
        Assert.Equal($"Bearer {ProjectsFixture.Token}", request.Headers!["Authorization"].Single());
        var variables = _fixture.Variables(0);
        Assert.Equal("acme", (string?)variables["owner"]);
        Assert.Equal(3, (int?)variables["number"]);
        Assert.Equal("Status", (string?)variables["field"]);
        Assert.Null(variables["cursor"]);
        Assert.Equal(1, _fixture.Counter.Snapshot().Trackers[ProjectsFixture.TrackerName].Count("POST", EndpointKinds.GraphQl));
    }

    [Fact]
    public async Task Sync_NewIssueAndChangedStatus_QueriesTwiceAddsOnceAndUpdatesBoth()
    {
        _fixture.Answer(Board(IssueItem(12, Next) + "," + IssueItem(14, Now) + "," + OtherItems), "query ProjectBoard");
        _fixture.Answer(IssueIds(13), "query IssueIds");
        _fixture.Answer(Added("PVTI_new13"), "mutation AddProjectItem");
        _fixture.Answer(Updated("PVTI_lADOBQfyVc4AHkL9zgI12"), "mutation SetProjectItemOption", "PVTI_lADOBQfyVc4AHkL9zgI12");
        _fixture.Answer(Updated("PVTI_new13"), "mutation SetProjectItemOption", "PVTI_new13");

        var writes = await _fixture.Boards.SyncAsync(
            ProjectsFixture.TrackerName,
            Target,
            new Dictionary<long, string> { [14] = "Now", [13] = "later", [12] = "Now" },
            dryRun: false,
            Ct);

        Assert.Equal(["set Status of #12 to Now", "add hub:acme/widget#13 to project acme/3", "set Status of #13 to Later"], writes);
        Assert.Equal(
            ["query ProjectBoard", "query IssueIds", "mutation SetProjectItemOption", "mutation AddProjectItem", "mutation SetProjectItemOption"],
            _fixture.Operations());
        Assert.Contains("i13: issue(number: $n13)", _fixture.Query(1), StringComparison.Ordinal);
        Assert.Equal(13, (int?)_fixture.Variables(1)["n13"]);
        Assert.Equal("widget", (string?)_fixture.Variables(1)["name"]);
        AssertSet(2, "PVTI_lADOBQfyVc4AHkL9zgI12", Now);
        Assert.Equal(ProjectId, (string?)_fixture.Variables(3)["projectId"]);
        Assert.Equal(ContentId(13), (string?)_fixture.Variables(3)["contentId"]);
        Assert.Contains("addProjectV2ItemById(input: {projectId: $projectId, contentId: $contentId})", _fixture.Query(3), StringComparison.Ordinal);
        AssertSet(4, "PVTI_new13", Later);
        Assert.All(_fixture.Requests, e => Assert.Equal($"Bearer {ProjectsFixture.Token}", e.RequestMessage.Headers!["Authorization"].Single()));
        Assert.Equal(5, _fixture.Counter.Snapshot().Trackers[ProjectsFixture.TrackerName].Count("POST", EndpointKinds.GraphQl));
    }

    [Fact]
    public async Task Sync_ItemsOnTwoPages_FollowsTheCursorAndSeesItemsOfBothPages()
    {
        const string Cursor = "Y3Vyc29yOnYyOpHOAAAAZA";
        _fixture.Answer(Board(IssueItem(12, Now), hasNextPage: true, endCursor: Cursor), "query ProjectBoard", "\"cursor\":null");
        _fixture.Answer(Board(IssueItem(14, Next), endCursor: "Y3Vyc29yOnYyOpHOAAAAyA"), "query ProjectBoard", $"\"cursor\":\"{Cursor}\"");

        var writes = await _fixture.Boards.SyncAsync(ProjectsFixture.TrackerName, Target, new Dictionary<long, string> { [12] = "Now", [14] = "Next" }, dryRun: false, Ct);

        Assert.Empty(writes);
        Assert.Equal(["query ProjectBoard", "query ProjectBoard"], _fixture.Operations());
        Assert.Null(_fixture.Variables(0)["cursor"]);
        Assert.Equal(Cursor, (string?)_fixture.Variables(1)["cursor"]);
        Assert.Contains("items(first: 100, after: $cursor)", _fixture.Query(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_DryRun_MakesOnlyQueriesAndReturnsTheWritesItWouldMake()
    {
        _fixture.Answer(Board(IssueItem(12, Next)), "query ProjectBoard");
        _fixture.Answer(IssueIds(13), "query IssueIds");

        var writes = await _fixture.Boards.SyncAsync(ProjectsFixture.TrackerName, Target, new Dictionary<long, string> { [12] = "Now", [13] = "Later" }, dryRun: true, Ct);

        Assert.Equal(["set Status of #12 to Now", "add hub:acme/widget#13 to project acme/3", "set Status of #13 to Later"], writes);
        Assert.Equal(["query ProjectBoard", "query IssueIds"], _fixture.Operations());
        Assert.DoesNotContain(_fixture.Requests, e => e.RequestMessage.Body!.Contains("mutation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_ItemWhoseContentTheTokenCannotSee_IsSkippedAndTheRestSynced()
    {
        const string Hidden = """
            { "id": "PVTI_lADOBQfyVc4AHkL9zgHidden", "content": null, "fieldValueByName": null }
            """;
        var board = Board(Hidden + "," + IssueItem(12, Now)).TrimEnd()[..^1] + """
            , "errors": [{ "type": "FORBIDDEN", "path": ["repositoryOwner", "projectV2", "items", "nodes", 0, "content"],
                           "locations": [{ "line": 12, "column": 11 }], "message": "Resource not accessible by integration" }] }
            """;
        _fixture.Answer(board, "query ProjectBoard");

        var writes = await _fixture.Boards.SyncAsync(ProjectsFixture.TrackerName, Target, new Dictionary<long, string> { [12] = "Now" }, dryRun: false, Ct);

        Assert.Empty(writes);
        Assert.Single(_fixture.Requests);
    }

    private void AssertSet(int index, string itemId, string optionId)
    {
        var variables = _fixture.Variables(index);
        Assert.Equal(["projectId", "itemId", "fieldId", "optionId"], variables.Select(v => v.Key));
        Assert.Equal(ProjectId, (string?)variables["projectId"]);
        Assert.Equal(itemId, (string?)variables["itemId"]);
        Assert.Equal(FieldId, (string?)variables["fieldId"]);
        Assert.Equal(optionId, (string?)variables["optionId"]);
        Assert.Contains("value: {singleSelectOptionId: $optionId}", _fixture.Query(index), StringComparison.Ordinal);
    }
}
