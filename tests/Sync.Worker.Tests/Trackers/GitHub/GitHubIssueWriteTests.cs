using System.Text.Json.Nodes;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.Server;
using static Sync.Worker.Tests.Trackers.GitHubTrackerClientTests;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>Creating and editing issues: exact request log (method, path, body) per operation.</summary>
public sealed class GitHubIssueWriteTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string Issues = Root + "/repos/acme/widget/issues";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly GitHubClientFixture _fixture;

    public GitHubIssueWriteTests() => _fixture = GitHubClientFixture.ForWireMock(_server, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _fixture.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task EditIssue_WithLabelsAndStateChange_SendsOnePostOneDeletePerRemovedLabelAndOnePatch()
    {
        Reply("POST", Issues + "/42/labels", 200, "[" + Payloads.GitHubLabel("status::doing", "0e8a16") + "]");
        Reply("DELETE", Issues + "/42/labels/status::todo", 200, "[]");
        Reply("DELETE", Issues + "/42/labels/triage", 200, "[]");
        Reply("PATCH", Issues + "/42", 200, Payloads.GitHubIssue(42));

        var issue = await _fixture.Client.EditIssueAsync(
            "acme/widget",
            42,
            new IssueEdit(Title: "New title", AddLabels: ["status::doing", "p1"], RemoveLabels: ["status::todo", "triage"], State: IssueState.Closed, StateReason: "not_planned"),
            Ct);

        Assert.Equal(42, issue.Ref.Number);
        Assert.Equal(
            ["POST /issues/42/labels", "DELETE /issues/42/labels/status::todo", "DELETE /issues/42/labels/triage", "PATCH /issues/42"],
            Log());
        Assert.Equal(["status::doing", "p1"], Body(0)["labels"]!.AsArray().Select(l => (string?)l));
        var patch = Body(3);
        Assert.Equal(["title", "state", "state_reason"], patch.Select(p => p.Key));
        Assert.Equal("closed", (string?)patch["state"]);
        Assert.Equal("not_planned", (string?)patch["state_reason"]);
        var counts = _fixture.Counter.Snapshot().Trackers["hub"];
        Assert.Equal(4, counts.Total);
        Assert.Equal(1, counts.Count("POST", "issue_labels.create"));
        Assert.Equal(2, counts.Count("DELETE", "issue_labels.delete"));
        Assert.Equal(1, counts.Count("PATCH", EndpointKinds.IssuesEdit));
    }

    [Fact]
    public async Task EditIssue_LabelBucketChangeOnly_CostsAddAndRemoveThenOneGetForTheResult()
    {
        Reply("POST", Issues + "/7/labels", 200, "[]");
        Reply("DELETE", Issues + "/7/labels/todo", 200, "[]");
        Reply("GET", Issues + "/7", 200, Payloads.GitHubIssue(7));

        await _fixture.Client.EditIssueAsync("acme/widget", 7, new IssueEdit(AddLabels: ["doing"], RemoveLabels: ["todo"]), Ct);

        Assert.Equal(["POST /issues/7/labels", "DELETE /issues/7/labels/todo", "GET /issues/7"], Log());
    }

    [Fact]
    public async Task EditIssue_RemovingALabelTheIssueLacks_TreatsNotFoundAsRemoved()
    {
        Reply("DELETE", Issues + "/7/labels/gone", 404, Payloads.GitHubLabelMissing);
        Reply("PATCH", Issues + "/7", 200, Payloads.GitHubIssue(7, state: "open"));

        var issue = await _fixture.Client.EditIssueAsync("acme/widget", 7, new IssueEdit(RemoveLabels: ["gone"], State: IssueState.Open), Ct);

        Assert.Equal(IssueState.Open, issue.State);
        Assert.Equal(["DELETE /issues/7/labels/gone", "PATCH /issues/7"], Log());
        Assert.Equal("""{"state":"open","state_reason":"reopened"}""", Body(1).ToJsonString());
    }

    [Fact]
    public async Task EditIssue_OfMissingIssue_StillThrowsNotFound()
    {
        Reply("DELETE", Issues + "/999/labels/bug", 404, """{ "message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404" }""");

        await Assert.ThrowsAsync<TrackerNotFoundException>(() =>
            _fixture.Client.EditIssueAsync("acme/widget", 999, new IssueEdit(RemoveLabels: ["bug"]), Ct));
    }

    [Fact]
    public async Task EditIssue_ClearMilestone_SendsOnlyNullMilestone()
    {
        Reply("PATCH", Issues + "/3", 200, Payloads.GitHubIssue(3));

        await _fixture.Client.EditIssueAsync("acme/widget", 3, new IssueEdit(ClearMilestone: true), Ct);

        Assert.Equal("""{"milestone":null}""", Body(0).ToJsonString());
    }

    [Fact]
    public async Task EditIssue_ThatChangesNothing_ThrowsWithoutAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.EditIssueAsync("acme/widget", 3, new IssueEdit(), Ct));

        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task EditIssue_WithUnknownStateReason_ThrowsWithoutAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _fixture.Client.EditIssueAsync("acme/widget", 3, new IssueEdit(AddLabels: ["x"], State: IssueState.Closed, StateReason: "wontfix"), Ct));

        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task CreateIssue_PostsTitleBodyLabelsAndMilestoneNumber()
    {
        Reply("POST", Issues, 201, Payloads.GitHubIssue(43, state: "open"));

        var issue = await _fixture.Client.CreateIssueAsync("acme/widget", new NewIssue("Crash", "Steps", ["bug"], MilestoneId: 2), Ct);

        Assert.Equal(43, issue.Ref.Number);
        Assert.Equal(["POST /issues"], Log());
        Assert.Equal("""{"title":"Crash","body":"Steps","labels":["bug"],"milestone":2}""", Body(0).ToJsonString());
    }

    [Fact]
    public async Task CreateIssue_Confidential_IsRefusedWithoutAnyRequest()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            _fixture.Client.CreateIssueAsync("acme/widget", new NewIssue("Secret", "x", Confidential: true), Ct));

        Assert.Contains("confidential", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.LogEntries);
        Assert.Equal(0, _fixture.Counter.Snapshot().Total);
    }

    private void Reply(string method, string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Json(status, body));

    private List<string> Log() =>
        [.. _server.LogEntries.Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Path[(Root + "/repos/acme/widget").Length..]}")];

    private JsonObject Body(int index) => JsonNode.Parse(_server.LogEntries[index].RequestMessage.Body!)!.AsObject();
}
