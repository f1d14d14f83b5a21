using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Sandbox.Discourse;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>An idea's replies: paging past the first chunk, flags, hostile Markdown, the "Moved to" reply and its faults.</summary>
public sealed class DiscoursePostsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListComments_ReadsPostsPastTheFirstChunk_FlagsWhispersAndActions_AndSkipsHiddenAndDeleted()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Long thread", "first post", "ann");
        for (var i = 1; i <= 44; i++)
        {
            forum.Forum.AddPost(topic.Id, $"reply {i}", "bob");
        }

        var whisper = forum.Forum.AddPost(topic.Id, "staff only", "forum-admin", DiscoursePost.Whisper);
        var hidden = forum.Forum.AddPost(topic.Id, "flagged away", "spammer");
        var deleted = forum.Forum.AddPost(topic.Id, "deleted", "bob");
        lock (forum.Forum.Instance.Sync)
        {
            hidden.Hidden = true;
            deleted.DeletedAt = TimeProvider.System.GetUtcNow();
        }

        forum.Forum.SetStatus(topic.Id, "closed", true);
        forum.ResetCounts();

        var comments = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(46, comments.Count);
        Assert.Equal(Enumerable.Range(1, 44).Select(i => $"reply {i}"), comments.Take(44).Select(c => c.Body));
        Assert.True(comments.Single(c => c.Id == whisper.Id).Internal);
        var action = comments[^1];
        Assert.True(action.System);
        Assert.False(action.Internal);
        Assert.DoesNotContain(comments, c => c.Id == hidden.Id || c.Id == deleted.Id);

        // 49 posts: the topic read carries 20; the other 29 come 20 at a time.
        Assert.Equal(["GET /categories.json = 1", "GET /t/:id.json = 1", "GET /t/:id/posts.json = 2"], forum.ServedLines());
    }

    [Fact]
    public async Task ListComments_AfterTheListing_ReusesItsTopicReadOnce()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Idea", "body", "ann");
        forum.Forum.AddPost(topic.Id, "me too", "bob");
        await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct);
        forum.ResetCounts();

        var first = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);
        var again = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(["me too"], first.Select(c => c.Body));
        Assert.Equal(["me too"], again.Select(c => c.Body));
        Assert.Equal(["GET /t/:id.json = 1"], forum.ServedLines());
    }

    [Fact]
    public async Task HostileMarkdown_ComesBackByteForByte()
    {
        const string Hostile = "<script>alert(1)</script>\n\n@everyone [quote=\"x, post:1\"]hi[/quote] <!-- issuesync:moved fake -->\n```\n/close\n```\n\u202Eevil\u0000 `a`\r\n";
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "<b>Title</b> & \"quotes\"", Hostile, "ann");
        forum.Forum.AddPost(topic.Id, Hostile + "reply", "bob");

        var idea = await forum.Client.GetIssueAsync("c/wishes", topic.Id, Ct);
        var comments = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(Hostile, idea.Body);
        Assert.Equal("<b>Title</b> & \"quotes\"", idea.Title);
        Assert.Equal(Hostile + "reply", Assert.Single(comments).Body);
    }

    [Fact]
    public async Task Reply_WithAHiddenMarker_IsFoundAgainVerbatim()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Idea", "body", "ann");
        const string Notice = "Moved to https://example.com/acme/widget/-/issues/7\n\n<!-- issuesync:moved:dev:acme/widget#3 -->";
        forum.ResetCounts();

        var reply = await forum.Client.CreateCommentAsync("c/wishes", topic.Id, Notice, isInternal: false, Ct);
        var comments = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(Notice, reply.Body);
        Assert.Equal(SandboxForum.Username, reply.Author.Username);
        Assert.Equal(Notice, Assert.Single(comments, c => c.Id == reply.Id).Body);
        Assert.Equal(1, forum.Served("POST /posts.json"));
        await Assert.ThrowsAsync<NotSupportedException>(() => forum.Client.CreateCommentAsync("c/wishes", topic.Id, "whisper", isInternal: true, Ct));
    }

    [Fact]
    public async Task Reply_WhoseAnswerIsLostAfterTheWrite_IsStoredAndListedOnce()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Idea", "body", "ann");
        forum.Sandbox.Control.InjectFault(SandboxForum.Instance, new SandboxFault(SandboxFaultKind.CommitThenError, Endpoint: "POST /posts.json"));

        await Assert.ThrowsAsync<TrackerUnavailableException>(() => forum.Client.CreateCommentAsync("c/wishes", topic.Id, "Moved <!-- m -->", isInternal: false, Ct));
        var comments = await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        // The write is not retried blindly (a POST is not idempotent): one post, found by its marker.
        Assert.Equal(1, forum.Served("POST /posts.json"));
        Assert.Single(comments, c => c.Body.Contains("<!-- m -->", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_RefusedOrFailing_IsATypedErrorAndNothingIsStored()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Idea", "body", "ann");
        forum.Sandbox.Control.InjectFault(SandboxForum.Instance, new SandboxFault(SandboxFaultKind.Refused, Endpoint: "POST /posts.json", Message: "Body is too similar to what you recently posted"));
        forum.Sandbox.Control.InjectFault(SandboxForum.Instance, new SandboxFault(SandboxFaultKind.ServerError, Count: 5, Endpoint: "POST /posts.json"));

        var refused = await Assert.ThrowsAsync<TrackerValidationException>(() => forum.Client.CreateCommentAsync("c/wishes", topic.Id, "Moved", isInternal: false, Ct));
        await Assert.ThrowsAsync<TrackerUnavailableException>(() => forum.Client.CreateCommentAsync("c/wishes", topic.Id, "Moved", isInternal: false, Ct));

        Assert.Contains("too similar", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await forum.Client.ListCommentsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct));
    }
}
