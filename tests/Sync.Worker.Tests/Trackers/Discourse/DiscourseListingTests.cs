using Sync.Core.Forums;
using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>Listing and reading ideas of a Discourse category over real HTTP against the sandbox forum.</summary>
public sealed class DiscourseListingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListIssues_PagesThroughTheCategory_OldestBumpFirst_WithoutItsAboutTopicOrSubcategories()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.TopicsPerPage = 5;
        forum.Forum.AddCategory("wishes", "Wishes");
        forum.Forum.AddCategory("mobile", "Mobile", parentSlug: "wishes");
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(1, 9).Select(i => forum.Forum.AddTopic("wishes", $"Wish {i}", $"Body {i}", "ann", createdAt: start.AddDays(i)).Id).ToList();
        forum.Forum.AddTopic("wishes/mobile", "A mobile wish", "In the subcategory", "ann");
        forum.ResetCounts();

        var ideas = await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct);

        Assert.Equal(ids, ideas.Select(i => i.Ref.Number));
        Assert.Equal("Body 1", ideas[0].Body);
        Assert.Equal($"forum:c/wishes#{ids[0]}", ideas[0].Ref.ToString());
        Assert.Equal(new Uri(forum.Forum.Root, $"t/wish-1/{ids[0]}").AbsoluteUri, ideas[0].WebUrl);
        Assert.Equal("ann", ideas[0].Author.Username);

        // 10 topics with the About topic, 5 a page: pages 0 and 1 are full (each announces a next page), page 2 is empty.
        Assert.Equal(
            ["GET /c/:slug/:id/l/latest.json = 3", "GET /categories.json = 1", "GET /t/:id.json = 9"],
            forum.ServedLines());
    }

    [Fact]
    public async Task ListIssues_UpdatedSince_KeepsTopicsBumpedSince_AndStopsPagingAtTheFirstOlderOne()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.TopicsPerPage = 3;
        forum.Forum.AddCategory("wishes", "Wishes");
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(1, 10).Select(i => forum.Forum.AddTopic("wishes", $"Wish {i}", "b", "ann", createdAt: start.AddDays(i)).Id).ToList();
        forum.Forum.AddPost(ids[0], "a reply bumps the oldest", "bob", at: start.AddDays(20));
        forum.ResetCounts();

        var since = await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(IssueStateFilter.Open, UpdatedSince: start.AddDays(9)), Ct).ToListAsync(Ct);

        Assert.Equal([ids[8], ids[9], ids[0]], since.Select(i => i.Ref.Number));
        // Page 0: About (pinned), wish 1 (bumped), wish 10; page 1: wish 9, wish 8 (older: stop).
        Assert.Equal(["GET /c/:slug/:id/l/latest.json = 2", "GET /categories.json = 1", "GET /t/:id.json = 3"], forum.ServedLines());
    }

    [Fact]
    public async Task ListIssues_KeepsOnlyIdeasWithEveryTagAsked_AndOpenMeansNeitherClosedNorArchived()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var both = forum.Forum.AddTopic("wishes", "Both tags", "b", "ann", ["ui", "dark"]);
        forum.Forum.AddTopic("wishes", "One tag", "o", "ann", ["ui"]);
        var closed = forum.Forum.AddTopic("wishes", "Closed", "c", "ann", ["ui", "dark"]);
        var archived = forum.Forum.AddTopic("wishes", "Archived", "a", "ann", ["ui", "dark"]);
        forum.Forum.SetStatus(closed.Id, "closed", true);
        forum.Forum.SetStatus(archived.Id, "archived", true);

        var open = await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(IssueStateFilter.Open, ["UI", "dark"]), Ct).ToListAsync(Ct);
        var done = await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(IssueStateFilter.Closed, ["ui"]), Ct).ToListAsync(Ct);

        Assert.Equal([both.Id], open.Select(i => i.Ref.Number));
        Assert.Equal(["ui", "dark"], open[0].Labels);
        Assert.Equal([closed.Id, archived.Id], done.Select(i => i.Ref.Number).Order());
        Assert.All(done, i => Assert.Equal(IssueState.Closed, i.State));
        Assert.Equal(ForumRules.LockReason, done.Single(i => i.Ref.Number == archived.Id).StateReason);
    }

    [Fact]
    public async Task MissingCategory_AndTopicsGoneOrElsewhere_AreNotFound()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        forum.Forum.AddCategory("other", "Other");
        var elsewhere = forum.Forum.AddTopic("other", "Elsewhere", "x", "ann");
        var deleted = forum.Forum.AddTopic("wishes", "Deleted", "x", "ann");
        lock (forum.Forum.Instance.Sync)
        {
            deleted.DeletedAt = TimeProvider.System.GetUtcNow();
        }

        var missing = await Assert.ThrowsAsync<TrackerNotFoundException>(() => forum.Client.ListIssuesAsync("c/nope", new IssueQuery(), Ct).ToListAsync(Ct).AsTask());
        Assert.Contains("c/nope", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => forum.Client.GetIssueAsync("c/wishes", elsewhere.Id, Ct));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => forum.Client.GetIssueAsync("c/wishes", deleted.Id, Ct));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => forum.Client.GetIssueAsync("c/wishes", 999_999, Ct));
        Assert.Empty(await forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(), Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task GetIssue_CarriesVoteCountAsUpvotes_AndZeroWithoutThePlugin()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.AddPost(topic.Id, "a reply", "bob");
        forum.Forum.Vote(topic.Id, "bob", "cy", "dee");

        var idea = await forum.Client.GetIssueAsync("c/wishes", topic.Id, Ct);
        forum.Forum.VotingPlugin = false;
        var without = await forum.Client.GetIssueAsync("c/wishes", topic.Id, Ct);

        Assert.Equal(3, idea.Upvotes);
        Assert.Equal(1, idea.CommentCount);
        Assert.Equal(0, without.Upvotes);
    }
}
