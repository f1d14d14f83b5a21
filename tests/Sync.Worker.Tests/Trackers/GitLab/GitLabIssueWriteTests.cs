using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.GitLab;

public sealed class GitLabIssueWriteTests : IDisposable
{
    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task CreateIssue_PostsTitleDescriptionCommaLabelsMilestoneAndConfidential()
    {
        _lab.Stub("POST", "/issues", 201, Payloads.GitLabIssue(41, "opened"));

        var issue = await _lab.Client.CreateIssueAsync("acme/widget", new NewIssue("Crash", "Steps", ["bug", "ui"], 17, Confidential: true), Ct);

        Assert.Equal(41, issue.Ref.Number);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("POST " + GitLabContract.Project + "/issues", $"{request.Method} {request.Path}");
        Assert.Equal(["confidential", "description", "labels", "milestone_id", "title"], request.Fields);
        Assert.Equal("Crash", request.Json.GetProperty("title").GetString());
        Assert.Equal("Steps", request.Json.GetProperty("description").GetString());
        Assert.Equal("bug,ui", request.Json.GetProperty("labels").GetString());
        Assert.Equal(17, request.Json.GetProperty("milestone_id").GetInt64());
        Assert.True(request.Json.GetProperty("confidential").GetBoolean());
        _lab.AssertCounterMatchesServer();
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "issues.create"));
    }

    [Fact]
    public async Task CreateIssue_WithoutLabelsOrMilestone_LeavesThemOut()
    {
        _lab.Stub("POST", "/issues", 201, Payloads.GitLabIssue(42, "opened"));

        await _lab.Client.CreateIssueAsync("acme/widget", new NewIssue("Crash", "Steps"), Ct);

        Assert.Equal(["confidential", "description", "title"], Assert.Single(_lab.Requests).Fields);
    }

    [Fact]
    public async Task CreateIssue_On400FieldErrors_ThrowsValidationWithGitLabsMessage()
    {
        _lab.Stub("POST", "/issues", 400, """{"message":{"title":["can't be blank"]}}""");

        var error = await Assert.ThrowsAsync<TrackerValidationException>(() => _lab.Client.CreateIssueAsync("acme/widget", new NewIssue("", "x"), Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("""{"title":["can't be blank"]}""", error.TrackerMessage);
        Assert.Single(_lab.Requests);
    }

    [Fact]
    public async Task EditIssue_SendsOnePutWithAddAndRemoveLabelsTitleAndClose()
    {
        _lab.Stub("PUT", "/issues/41", 200, Payloads.GitLabIssue(41));

        var issue = await _lab.Client.EditIssueAsync(
            "acme/widget", 41, new IssueEdit(Title: "New title", AddLabels: ["a", "b"], RemoveLabels: ["c"], State: IssueState.Closed, StateReason: "completed"), Ct);

        Assert.Equal(IssueState.Closed, issue.State);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("PUT " + GitLabContract.Project + "/issues/41", $"{request.Method} {request.Path}");
        Assert.Equal(["add_labels", "remove_labels", "state_event", "title"], request.Fields);
        Assert.Equal("a,b", request.Json.GetProperty("add_labels").GetString());
        Assert.Equal("c", request.Json.GetProperty("remove_labels").GetString());
        Assert.Equal("close", request.Json.GetProperty("state_event").GetString());
        Assert.Equal("New title", request.Json.GetProperty("title").GetString());
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task EditIssue_ClearingMilestone_SendsMilestoneIdZero()
    {
        _lab.Stub("PUT", "/issues/41", 200, Payloads.GitLabIssue(41));

        await _lab.Client.EditIssueAsync("acme/widget", 41, new IssueEdit(ClearMilestone: true), Ct);

        var request = Assert.Single(_lab.Requests);
        Assert.Equal(["milestone_id"], request.Fields);
        Assert.Equal(0, request.Json.GetProperty("milestone_id").GetInt64());
    }

    [Fact]
    public async Task EditIssue_ReopenWithBodyAndMilestone_SendsOnlyThoseFields()
    {
        _lab.Stub("PUT", "/issues/41", 200, Payloads.GitLabIssue(41, "opened"));

        await _lab.Client.EditIssueAsync("acme/widget", 41, new IssueEdit(Body: "new body", MilestoneId: 17, State: IssueState.Open), Ct);

        var request = Assert.Single(_lab.Requests);
        Assert.Equal(["description", "milestone_id", "state_event"], request.Fields);
        Assert.Equal("reopen", request.Json.GetProperty("state_event").GetString());
        Assert.Equal(17, request.Json.GetProperty("milestone_id").GetInt64());
    }

    [Theory]
    [MemberData(nameof(EmptyEdits))]
    public async Task EditIssue_ThatChangesNothing_ThrowsWithoutAnyRequest(IssueEdit edit)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _lab.Client.EditIssueAsync("acme/widget", 41, edit, Ct));

        Assert.Empty(_lab.Requests);
    }

    public static TheoryData<IssueEdit> EmptyEdits() =>
    [
        new IssueEdit(),
        new IssueEdit(AddLabels: [], RemoveLabels: []),
        new IssueEdit(StateReason: "not_planned"),
    ];
}
