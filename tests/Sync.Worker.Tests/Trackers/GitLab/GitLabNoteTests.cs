using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.GitLab;

public sealed class GitLabNoteTests : IDisposable
{
    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task ListComments_MapsNormalSystemAndInternalNotes()
    {
        _lab.Stub("GET", "/issues/41/notes", 200, GitLabPayloads.Notes);

        var comments = await _lab.Client.ListCommentsAsync("acme/widget", 41, Ct).ToListAsync(Ct);

        Assert.Equal([302L, 305L, 307L, 309L], comments.Select(c => c.Id));
        var normal = comments[0];
        Assert.Equal("Works for me on 4.1", normal.Body);
        Assert.Equal(new TrackerUser("alice", 18), normal.Author);
        Assert.Equal(new DateTimeOffset(2013, 10, 2, 9, 22, 45, TimeSpan.Zero), normal.CreatedAt);
        Assert.Equal(new DateTimeOffset(2013, 10, 2, 10, 22, 45, TimeSpan.Zero), normal.UpdatedAt);
        Assert.False(normal.System);
        Assert.False(normal.Internal);
        Assert.True(comments[1].System);
        Assert.False(comments[1].Internal);
        Assert.Equal(new TrackerUser("root", 1), comments[1].Author);
        Assert.True(comments[2].Internal);
        Assert.False(comments[2].System);
        Assert.True(comments[3].Internal); // only the older "confidential" flag
    }

    [Fact]
    public async Task ListComments_AsksOldestFirst100PerPage_AndFollowsNextPage()
    {
        _lab.Stub("GET", "/issues/41/notes", 200, $"[{GitLabPayloads.NormalNote}]", nextPage: "2");
        _lab.Stub("GET", "/issues/41/notes", 200, $"[{GitLabPayloads.SystemNote}]", page: "2");

        var comments = await _lab.Client.ListCommentsAsync("acme/widget", 41, Ct).ToListAsync(Ct);

        Assert.Equal([302L, 305L], comments.Select(c => c.Id));
        Assert.Equal(["GET " + GitLabContract.Project + "/issues/41/notes", "GET " + GitLabContract.Project + "/issues/41/notes"], _lab.Lines);
        foreach (var request in _lab.Requests)
        {
            Assert.Equal("asc", request.Query["sort"]);
            Assert.Equal("created_at", request.Query["order_by"]);
            Assert.Equal("100", request.Query["per_page"]);
        }

        Assert.Equal("2", _lab.Requests[1].Query["page"]);
        Assert.Equal(2, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("GET", "notes.list"));
        _lab.AssertCounterMatchesServer();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateComment_PostsBodyAndInternalFlag(bool isInternal)
    {
        _lab.Stub("POST", "/issues/41/notes", 201, isInternal ? GitLabPayloads.InternalNote : GitLabPayloads.NormalNote);

        var comment = await _lab.Client.CreateCommentAsync("acme/widget", 41, "Hello", isInternal, Ct);

        Assert.Equal(isInternal, comment.Internal);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("POST " + GitLabContract.Project + "/issues/41/notes", $"{request.Method} {request.Path}");
        Assert.Equal(["body", "internal"], request.Fields);
        Assert.Equal("Hello", request.Json.GetProperty("body").GetString());
        Assert.Equal(isInternal, request.Json.GetProperty("internal").GetBoolean());
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "notes.create"));
    }

    [Fact]
    public async Task EditComment_PutsOnlyTheBodyToTheNote()
    {
        _lab.Stub("PUT", "/issues/41/notes/302", 200, GitLabPayloads.NormalNote);

        var comment = await _lab.Client.EditCommentAsync("acme/widget", 41, 302, "Edited", Ct);

        Assert.Equal(302, comment.Id);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("PUT " + GitLabContract.Project + "/issues/41/notes/302", $"{request.Method} {request.Path}");
        Assert.Equal(["body"], request.Fields);
        Assert.Equal("Edited", request.Json.GetProperty("body").GetString());
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("PUT", "notes.edit"));
    }

    [Fact]
    public async Task ListIssueReactions_MapsEveryAwardIncludingSkinTones()
    {
        _lab.Stub("GET", "/issues/41/award_emoji", 200, $"[{GitLabPayloads.Award(4, "thumbsup")},{GitLabPayloads.Award(5, "thumbsup_tone3")},{GitLabPayloads.Award(6, "rocket")}]");

        var reactions = await _lab.Client.ListIssueReactionsAsync("acme/widget", 41, Ct).ToListAsync(Ct);

        Assert.Equal(["thumbsup", "thumbsup_tone3", "rocket"], reactions.Select(r => r.Name));
        Assert.Equal(new TrackerReaction(5, "thumbsup_tone3", new TrackerUser("alice", 18), new DateTimeOffset(2016, 6, 15, 10, 9, 34, 206, TimeSpan.Zero)), reactions[1]);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("GET " + GitLabContract.Project + "/issues/41/award_emoji", $"{request.Method} {request.Path}");
        Assert.Equal("100", request.Query["per_page"]);
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("GET", "reactions.list"));
    }

    [Fact]
    public async Task ListCommentReactions_ReadsTheNotesAwardsAcrossPages()
    {
        _lab.Stub("GET", "/issues/41/notes/302/award_emoji", 200, $"[{GitLabPayloads.Award(7, "heart", "Note")}]", nextPage: "2");
        _lab.Stub("GET", "/issues/41/notes/302/award_emoji", 200, $"[{GitLabPayloads.Award(8, "thumbsdown", "Note")}]", page: "2");

        var reactions = await _lab.Client.ListCommentReactionsAsync("acme/widget", 41, 302, Ct).ToListAsync(Ct);

        Assert.Equal([7L, 8L], reactions.Select(r => r.Id));
        Assert.All(_lab.Lines, line => Assert.Equal("GET " + GitLabContract.Project + "/issues/41/notes/302/award_emoji", line));
        Assert.Equal(2, _lab.Requests.Count);
        _lab.AssertCounterMatchesServer();
    }
}
