using Sync.Core.Trackers;
using static Sync.Worker.Tests.Trackers.GitHub.Projects.ProjectPayloads;

namespace Sync.Worker.Tests.Trackers.GitHub.Projects;

/// <summary>What is missing on the board, GraphQL errors in a 200, and HTTP errors: typed exceptions, no writes, no token.</summary>
public sealed class GitHubProjectBoardsFaultTests : IDisposable
{
    private readonly ProjectsFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("null")]
    [InlineData(TextField)]
    public async Task Sync_FieldMissingOrNotSingleSelect_ThrowsValidationNamingTheField(string field)
    {
        _fixture.Answer(Board(IssueItem(12, Now), field: field), "query ProjectBoard");

        var error = await Assert.ThrowsAsync<TrackerValidationException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.Equal("GitHub project acme/3 has no single-select field 'Status'", error.TrackerMessage);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task Sync_OptionMissing_ThrowsValidationListingTheOptionsBeforeAnyWrite()
    {
        _fixture.Answer(Board(IssueItem(12, Next)), "query ProjectBoard");

        var error = await Assert.ThrowsAsync<TrackerValidationException>(() => SyncAsync(new() { [12] = "Now", [13] = "Someday" }));

        Assert.Equal("field 'Status' of project acme/3 has no option 'Someday' (options: Now, Next, Later)", error.TrackerMessage);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task Sync_ProjectNotFound_ThrowsNotFound()
    {
        _fixture.Answer(ProjectNotFound, "query ProjectBoard");

        var error = await Assert.ThrowsAsync<TrackerNotFoundException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.Contains("GitHub project acme/3", error.Message, StringComparison.Ordinal);
        Assert.Contains("Could not resolve to a ProjectV2 with the number 3.", error.Message, StringComparison.Ordinal);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task Sync_IssueToAddNotFound_ThrowsNotFoundWithoutWriting()
    {
        _fixture.Answer(Board(IssueItem(12, Now)), "query ProjectBoard");
        _fixture.Answer("""
            {
              "data": { "repository": { "i99": null } },
              "errors": [{ "type": "NOT_FOUND", "path": ["repository", "i99"], "locations": [{ "line": 3, "column": 5 }],
                           "message": "Could not resolve to an Issue with the number of 99." }]
            }
            """, "query IssueIds");

        var error = await Assert.ThrowsAsync<TrackerNotFoundException>(() => SyncAsync(new() { [99] = "Later" }));

        Assert.Contains("#99", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Sync_TokenLacksProjectScope_ThrowsForbidden()
    {
        _fixture.Answer(InsufficientScopes, "query ProjectBoard");

        var error = await Assert.ThrowsAsync<TrackerForbiddenException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.Contains("read:project", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_BadCredentials_ThrowsUnauthorizedOnceWithoutTheToken()
    {
        _fixture.Answer(401, BadCredentials, "query ProjectBoard");

        var error = await Assert.ThrowsAsync<TrackerUnauthorizedException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.DoesNotContain(ProjectsFixture.Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectsFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProjectsFixture.TrackerName, error.TrackerName);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task Sync_ServerErrorsPersist_ThrowsUnavailableAfterRetries()
    {
        _fixture.Answer(502, """{ "message": "Server Error" }""", "query ProjectBoard");

        await Assert.ThrowsAsync<TrackerUnavailableException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.Equal(1 + TrackerFixture.FastRetries.MaxRetryAttempts, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Sync_MutationRejected_ThrowsValidationWithGitHubsMessage()
    {
        _fixture.Answer(Board(IssueItem(12, Next)), "query ProjectBoard");
        _fixture.Answer("""
            { "data": { "updateProjectV2ItemFieldValue": null },
              "errors": [{ "type": "UNPROCESSABLE", "path": ["updateProjectV2ItemFieldValue"], "locations": [{ "line": 2, "column": 3 }],
                           "message": "The single select option Id does not belong to the field" }] }
            """, "mutation SetProjectItemOption");

        var error = await Assert.ThrowsAsync<TrackerValidationException>(() => SyncAsync(new() { [12] = "Now" }));

        Assert.Contains("The single select option Id does not belong to the field", error.TrackerMessage, StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<string>> SyncAsync(Dictionary<long, string> optionByIssue) =>
        _fixture.Boards.SyncAsync(ProjectsFixture.TrackerName, ProjectsFixture.Target, optionByIssue, dryRun: false, Ct);
}
