using System.Text.Json.Nodes;
using Sync.Core.Trackers;
using WireMock.RequestBuilders;
using WireMock.Server;
using static Sync.Worker.Tests.Trackers.GitHubTrackerClientTests;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>Comments, reactions, labels, milestones and the unsupported features, replaying whole documented objects.</summary>
public sealed class GitHubContentTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string Repo = Root + "/repos/acme/widget";
    private readonly WireMockServer _server = WireMock.Server.WireMockServer.Start();
    private readonly GitHubClientFixture _fixture;

    public GitHubContentTests() => _fixture = GitHubClientFixture.ForWireMock(_server, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _fixture.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task ListComments_MapsEveryCarriedFieldWithOneRequestOf100()
    {
        Reply("GET", Repo + "/issues/1347/comments", 200, $"[{Payloads.GitHubComment(1)},{Payloads.GitHubComment(2, "Fixed")}]");

        var comments = await _fixture.Client.ListCommentsAsync("acme/widget", 1347, Ct).ToListAsync(Ct);

        Assert.Equal([1L, 2L], comments.Select(c => c.Id));
        var first = comments[0];
        Assert.Equal("Me too", first.Body);
        Assert.Equal(new TrackerUser("octocat", 1), first.Author);
        Assert.Equal(new DateTimeOffset(2011, 4, 14, 16, 0, 49, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal(new DateTimeOffset(2011, 4, 15, 16, 0, 49, TimeSpan.Zero), first.UpdatedAt);
        Assert.False(first.System);
        Assert.False(first.Internal);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("100", request.Query!["per_page"].Single());
    }

    [Fact]
    public async Task ListComments_Over150_FollowsTheLinkHeaderWithOneRequestPerPage()
    {
        var path = Repo + "/issues/8/comments";
        var next = $"<{_server.Url}{path}?per_page=100&page=2>; rel=\"next\", <{_server.Url}{path}?per_page=100&page=2>; rel=\"last\"";
        _server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(5)
            .RespondWith(Json(200, "[" + string.Join(",", Enumerable.Range(1, 100).Select(i => Payloads.GitHubComment(i))) + "]").WithHeader("Link", next));
        _server.Given(Request.Create().WithPath(path).UsingGet().WithParam("page", "2")).AtPriority(1)
            .RespondWith(Json(200, "[" + string.Join(",", Enumerable.Range(101, 50).Select(i => Payloads.GitHubComment(i))) + "]"));

        var comments = await _fixture.Client.ListCommentsAsync("acme/widget", 8, Ct).ToListAsync(Ct);

        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), comments.Select(c => c.Id));
        Assert.Equal(2, _server.LogEntries.Count);
        Assert.Equal(2, _fixture.Counter.Snapshot().Trackers["hub"].Count("GET", "notes.list"));
    }

    [Fact]
    public async Task CreateComment_PostsTheBody()
    {
        Reply("POST", Repo + "/issues/5/comments", 201, Payloads.GitHubComment(9, "Hello"));

        var comment = await _fixture.Client.CreateCommentAsync("acme/widget", 5, "Hello", isInternal: false, Ct);

        Assert.Equal(9, comment.Id);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal("""{"body":"Hello"}""", JsonNode.Parse(request.Body!)!.ToJsonString());
    }

    [Fact]
    public async Task CreateComment_Internal_IsRefusedWithoutAnyRequest()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _fixture.Client.CreateCommentAsync("acme/widget", 5, "psst", isInternal: true, Ct));

        Assert.Contains("internal", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task EditComment_PatchesTheCommentById()
    {
        Reply("PATCH", Repo + "/issues/comments/9", 200, Payloads.GitHubComment(9, "Edited"));

        var comment = await _fixture.Client.EditCommentAsync("acme/widget", 5, 9, "Edited", Ct);

        Assert.Equal("Edited", comment.Body);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("""{"body":"Edited"}""", JsonNode.Parse(request.Body!)!.ToJsonString());
    }

    [Fact]
    public async Task ListReactions_OfIssueAndComment_MapContentUserAndTime()
    {
        Reply("GET", Repo + "/issues/5/reactions", 200, $"[{Payloads.GitHubReaction(1, "+1")},{Payloads.GitHubReaction(2, "rocket")}]");
        Reply("GET", Repo + "/issues/comments/9/reactions", 200, $"[{Payloads.GitHubReaction(3, "-1")}]");

        var onIssue = await _fixture.Client.ListIssueReactionsAsync("acme/widget", 5, Ct).ToListAsync(Ct);
        var onComment = await _fixture.Client.ListCommentReactionsAsync("acme/widget", 5, 9, Ct).ToListAsync(Ct);

        var created = new DateTimeOffset(2016, 5, 20, 20, 9, 31, TimeSpan.Zero);
        var octocat = new TrackerUser("octocat", 1);
        Assert.Equal([new TrackerReaction(1, "+1", octocat, created), new TrackerReaction(2, "rocket", octocat, created)], onIssue);
        Assert.Equal([new TrackerReaction(3, "-1", octocat, created)], onComment);
        Assert.Equal(2, _server.LogEntries.Count);
        Assert.All(_server.LogEntries, e => Assert.Equal("100", e.RequestMessage.Query!["per_page"].Single()));
    }

    [Fact]
    public async Task ListLabels_AddsTheHashToColours()
    {
        Reply("GET", Repo + "/labels", 200, $"[{Payloads.GitHubLabel("bug", "F29513", "Something isn't working")}]");

        var labels = await _fixture.Client.ListLabelsAsync("acme/widget", Ct).ToListAsync(Ct);

        Assert.Equal([new TrackerLabel("bug", "#f29513", "Something isn't working")], labels);
    }

    [Fact]
    public async Task CreateLabel_SendsTheColourWithoutHash()
    {
        Reply("POST", Repo + "/labels", 201, Payloads.GitHubLabel("p1", "b60205", "Urgent"));

        var label = await _fixture.Client.CreateLabelAsync("acme/widget", new TrackerLabel("p1", "#B60205", "Urgent"), Ct);

        Assert.Equal(new TrackerLabel("p1", "#b60205", "Urgent"), label);
        var body = JsonNode.Parse(Assert.Single(_server.LogEntries).RequestMessage.Body!)!.AsObject();
        Assert.Equal("p1", (string?)body["name"]);
        Assert.Equal("b60205", (string?)body["color"]);
        Assert.Equal("Urgent", (string?)body["description"]);
    }

    [Fact]
    public async Task CreateLabel_ThatAlreadyExists_ReturnsTheExistingLabel()
    {
        Reply("POST", Repo + "/labels", 422, Payloads.GitHubLabelExists);
        Reply("GET", Repo + "/labels/bug", 200, Payloads.GitHubLabel("bug", "f29513", "Something isn't working"));

        var label = await _fixture.Client.CreateLabelAsync("acme/widget", new TrackerLabel("bug", "#000000"), Ct);

        Assert.Equal(new TrackerLabel("bug", "#f29513", "Something isn't working"), label);
        Assert.Equal(["POST", "GET"], _server.LogEntries.Select(e => e.RequestMessage.Method));
    }

    [Fact]
    public async Task ListMilestones_AsksForEveryStateAndMapsNumbers()
    {
        Reply("GET", Repo + "/milestones", 200, $"[{Payloads.GitHubMilestone(1, "v1.0")},{Payloads.GitHubMilestone(2, "v0.9", "closed")}]");

        var milestones = await _fixture.Client.ListMilestonesAsync("acme/widget", Ct).ToListAsync(Ct);

        Assert.Equal(
            [
                new TrackerMilestone(1, "v1.0", false, new DateOnly(2012, 10, 9), "Tracking milestone for version 1.0"),
                new TrackerMilestone(2, "v0.9", true, new DateOnly(2012, 10, 9), "Tracking milestone for version 1.0"),
            ],
            milestones);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("all", request.Query!["state"].Single());
        Assert.Equal("100", request.Query["per_page"].Single());
    }

    [Fact]
    public async Task CreateMilestone_ReturnsTheNumberAsId()
    {
        Reply("POST", Repo + "/milestones", 201, Payloads.GitHubMilestone(3, "v2.0"));

        var milestone = await _fixture.Client.CreateMilestoneAsync("acme/widget", new TrackerMilestone(0, "v2.0", DueDate: new DateOnly(2012, 10, 9)), Ct);

        Assert.Equal(3, milestone.Id);
        var body = JsonNode.Parse(Assert.Single(_server.LogEntries).RequestMessage.Body!)!.AsObject();
        Assert.Equal("v2.0", (string?)body["title"]);
        Assert.Equal("open", (string?)body["state"]);
        Assert.StartsWith("2012-10-09T00:00:00", (string?)body["due_on"], StringComparison.Ordinal);
    }

    [Fact]
    public void UploadAndBoards_AreNotCapabilitiesOfGitHub_WithoutAnyRequest()
    {
        Assert.Null(_fixture.Client.Get<IUploads>());
        Assert.Null(_fixture.Client.Get<IBoards>());
        Assert.IsNotAssignableFrom<IUploads>(_fixture.Client);
        Assert.IsNotAssignableFrom<IBoards>(_fixture.Client);
        Assert.Empty(_server.LogEntries);
    }

    private void Reply(string method, string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Json(status, body));
}
