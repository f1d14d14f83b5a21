using Sync.Core.Forums;
using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>Forum votes: identified voters from /voting/who, anonymous remainder from vote_count, and voters kept across close.</summary>
public sealed class DiscourseVotesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VoteSignals_OfTheCategory_GiveVotersAndAskWhoOnlyForTopicsWithVotes()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var voted = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        var quiet = forum.Forum.AddTopic("wishes", "Quiet", "q", "bob");
        forum.Forum.Vote(voted.Id, "bob", "cy");
        forum.ResetCounts();

        var signals = await forum.Client.ListVoteSignalsAsync("c/wishes", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        var v = Assert.Single(signals, s => s.Number == voted.Id);
        Assert.Equal(2, v.Counts["+1"]);
        Assert.Equal(["bob", "cy"], v.Voters!.Select(r => r.User.Username).Order());
        Assert.All(v.Voters!, r => Assert.Equal("+1", r.Name));
        // The plugin gives no vote time: each vote carries the topic's creation time (the forum sends milliseconds).
        Assert.All(v.Voters!, r => Assert.True((r.CreatedAt - voted.CreatedAt).Duration() < TimeSpan.FromMilliseconds(1)));
        Assert.Equal(0, v.Anonymous);
        Assert.Equal("ann", v.Author?.Username);
        Assert.Equal("Voted", v.Title);
        var q = Assert.Single(signals, s => s.Number == quiet.Id);
        Assert.Empty(q.Voters!);
        Assert.Equal(["GET /c/:slug/:id/l/latest.json = 1", "GET /categories.json = 1", "GET /voting/who = 1"], forum.ServedLines());
    }

    [Fact]
    public async Task VoteSignals_WhereTheSiteHidesWhoVoted_AreAllAnonymous()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob", "cy", "dee");
        forum.Forum.ShowWhoVoted = false;

        var signal = Assert.Single(await forum.Client.ListVoteSignalsAsync("c/wishes", new VoteSignalQuery(Numbers: [topic.Id]), Ct).ToListAsync(Ct));
        var reactions = await forum.Client.ListIssueReactionsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(0, signal.Counts["+1"]);
        Assert.Equal(3, signal.Anonymous);
        Assert.Empty(reactions);
    }

    [Theory]
    [InlineData(false, ForumRules.LockReason, "archived")]
    [InlineData(false, "duplicate", "closed")]
    [InlineData(true, "outdated", "closed")]
    public async Task Voters_ReadBeforeClosing_AreStillTheAnswerAfterThePluginReleasedThem(bool legacyRelease, string reason, string status)
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.LegacyVoteRelease = legacyRelease;
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob", "cy");
        forum.ResetCounts();

        var closed = await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(State: IssueState.Closed, StateReason: reason), Ct);

        Assert.Equal(IssueState.Closed, closed.State);
        Assert.Equal(status == "archived", forum.Forum.Topic(topic.Id).Archived);
        Assert.Equal(status == "closed", forum.Forum.Topic(topic.Id).Closed);
        Assert.Equal(
            ["GET /categories.json = 1", "GET /t/:id.json = 1", "GET /voting/who = 1", "PUT /t/:id/status = 1"],
            forum.ServedLines());
        if (legacyRelease)
        {
            Assert.Equal(0, forum.Forum.Topic(topic.Id).VoteCount);
        }

        forum.ResetCounts();
        var reactions = await forum.Client.ListIssueReactionsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);
        var signal = Assert.Single(await forum.Client.ListVoteSignalsAsync("c/wishes", new VoteSignalQuery(IssueStateFilter.All, [topic.Id]), Ct).ToListAsync(Ct));

        Assert.Equal(["bob", "cy"], reactions.Select(r => r.User.Username).Order());
        Assert.Equal(2, signal.Counts["+1"]);
        Assert.Equal(0, signal.Anonymous);
        Assert.Equal(0, forum.ServedTotal);
    }

    [Fact]
    public async Task Closing_RightAfterReadingTheIdea_ReusesThatRead()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob");
        await forum.Client.GetIssueAsync("c/wishes", topic.Id, Ct);
        forum.ResetCounts();

        await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct);
        await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(AddLabels: ["moved"]), Ct);

        // The close used the read before it; the label-only edit after it reads again (a read is handed on once).
        Assert.Equal(["GET /t/:id.json = 1", "GET /voting/who = 1", "PUT /t/:id/status = 1"], forum.ServedLines());
    }

    [Fact]
    public async Task Closing_WhoseAnswerIsLost_IsRetriedSafely_AndTheVotersWereKeptFirst()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.LegacyVoteRelease = true;
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob", "cy");
        forum.Sandbox.Control.InjectFault(SandboxForum.Instance, new Sync.Sandbox.SandboxFault(Sync.Sandbox.SandboxFaultKind.CommitThenDrop, Endpoint: "PUT /t/:id/status"));

        // Setting a status is idempotent: the PUT whose answer was lost is sent again, and the second one changes nothing.
        var closed = await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct);
        var reactions = await forum.Client.ListIssueReactionsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);

        Assert.Equal(IssueState.Closed, closed.State);
        Assert.Equal(2, forum.Served("PUT /t/:id/status"));
        Assert.Single(forum.Forum.Topic(topic.Id).Posts, p => p.ActionCode == "closed.enabled");
        Assert.Equal(["bob", "cy"], reactions.Select(r => r.User.Username).Order());
    }

    [Fact]
    public async Task Closing_WithoutADocumentStore_StillCloses_AndSaysTheVotersWereNotKept()
    {
        await using var forum = await SandboxForum.StartAsync(Ct, documents: false);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob");

        await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct);

        Assert.True(forum.Forum.Topic(topic.Id).Closed);
        Assert.Contains(forum.Logs.Entries, e => e.EventId == 4101);
    }

    [Fact]
    public async Task ClosingTwice_KeepsEveryVoterTheFirstReadSaw()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.LegacyVoteRelease = true;
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Forum.Vote(topic.Id, "bob", "cy");
        var close = new IssueEdit(State: IssueState.Closed, StateReason: "duplicate");

        await forum.Client.EditIssueAsync("c/wishes", topic.Id, close, Ct);
        await forum.Client.EditIssueAsync("c/wishes", topic.Id, close, Ct);

        var reactions = await forum.Client.ListIssueReactionsAsync("c/wishes", topic.Id, Ct).ToListAsync(Ct);
        Assert.Equal(["bob", "cy"], reactions.Select(r => r.User.Username).Order());
    }
}
