using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.GitHubDiscussions;

/// <summary>
/// The GitHub Discussions forum client over real HTTP against the sandbox's GraphQL: listings, comments, votes and the
/// writes a move makes, with exact request counts (IssueSync's own counter, and the sandbox's bodies to say which).
/// </summary>
public sealed class GitHubDiscussionsClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListIssues_250Ideas_ReadsThreePagesOf100AfterOneCategoryRead_WithWhatEligibilityNeeds()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        for (var n = 1; n <= 250; n++)
        {
            f.Idea($"Idea {n}", $"Body {n}", author: n % 2 == 0 ? "alice.martin" : "bob.chen", at: Start.AddMinutes(n));
        }

        f.Idea("A question", category: "q-a", at: Start);
        var seven = f.Hub.Discussion(DiscussionsFixture.Repo, 8);
        f.Hub.UpvoteDiscussion(DiscussionsFixture.Repo, seven.Number, "carla.rossi", "dan.okafor", "erin.li");
        var answer = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, seven.Number, "Use the API", "bob.chen", createdAt: Start.AddHours(9));
        f.Hub.MarkDiscussionAnswer(DiscussionsFixture.Repo, seven.Number, answer.Id);

        var first = await f.CountAsync(() => f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct).AsTask());
        var again = await f.CountAsync(() => f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(4, first.Requests);
        Assert.Single(first.Bodies, b => b.Contains("discussionCategories", StringComparison.Ordinal));
        Assert.Equal(3, again.Requests);
        Assert.Equal(250, first.Result.Count);
        Assert.DoesNotContain(first.Result, i => i.Title == "A question");
        var idea = first.Result.Single(i => i.Ref.Number == seven.Number);
        Assert.Equal(
            ("Idea 8", "Body 8", "alice.martin", 3, 1, true, IssueState.Open, $"forum:{DiscussionsFixture.Forum}#8"),
            (idea.Title, idea.Body, idea.Author.Username, idea.Upvotes, idea.CommentCount, idea.Answered, idea.State, idea.Ref.ToString()));
        Assert.EndsWith($"{DiscussionsFixture.Repo}/discussions/8", idea.WebUrl, StringComparison.Ordinal);

        // Least recently updated first; the answer's comment made #8 the most recent.
        Assert.Equal(8, first.Result[^1].Ref.Number);
    }

    [Fact]
    public async Task ListIssues_StateAndLabels_OpenIsNeitherClosedNorLocked_AndEveryLabelMustBePresent()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var open = f.Idea("Open", at: Start, labels: ["ux", "api"]);
        var closed = f.Idea("Closed", at: Start.AddMinutes(1), labels: ["ux", "api"]);
        var locked = f.Idea("Locked", at: Start.AddMinutes(2), labels: ["ux"]);
        var onlyUx = f.Idea("Only ux", at: Start.AddMinutes(3), labels: ["UX"]);
        closed.Closed = true;
        closed.StateReason = "OUTDATED";
        locked.Locked = true;

        var openIdeas = await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Open), Ct).Select(i => i.Title).ToListAsync(Ct);
        var closedIdeas = await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Closed), Ct).ToListAsync(Ct);
        var labelled = await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.All, ["ux", "API"]), Ct).Select(i => i.Title).ToListAsync(Ct);
        var ux = await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Open, ["ux"]), Ct).Select(i => i.Title).ToListAsync(Ct);

        Assert.Equal(["Open", "Only ux"], openIdeas);
        Assert.Equal([("Closed", "outdated"), ("Locked", "locked")], closedIdeas.Select(i => (i.Title, i.StateReason)));
        Assert.All(closedIdeas, i => Assert.Equal(IssueState.Closed, i.State));
        Assert.Equal(["Open", "Closed"], labelled);
        Assert.Equal(["Open", "Only ux"], ux);
        Assert.Equal(open.Number + 3, onlyUx.Number);
    }

    [Fact]
    public async Task ListIssues_MissingCategory_ThrowsNotFoundNamingTheCategoryAndTheOnesThereAre()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<TrackerNotFoundException>(() => f.Client.ListIssuesAsync("acme/forum/feature-requests", new IssueQuery(), Ct).ToListAsync(Ct).AsTask());
        var repository = await Assert.ThrowsAsync<TrackerNotFoundException>(() => f.Client.ListIssuesAsync("acme/nowhere/ideas", new IssueQuery(), Ct).ToListAsync(Ct).AsTask());

        Assert.Equal("Tracker 'forum' found nothing at discussion category 'feature-requests' of acme/forum (its categories: ideas, q-a) (404 Not Found)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("acme/nowhere", repository.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssues_CategoryByNameIgnoringCase_IsTheSameForum()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        f.Idea("By name", at: Start);

        var ideas = await f.Client.ListIssuesAsync("acme/forum/IDEAS", new IssueQuery(), Ct).Select(i => i.Title).ToListAsync(Ct);

        Assert.Equal(["By name"], ideas);
    }

    [Fact]
    public async Task GetIssue_OneRead_AndAnIdeaOfAnotherCategoryOrNoneIsNotFound()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Dark mode", "Please", at: Start);
        var question = f.Idea("How?", category: "q-a", at: Start);
        await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct);

        var read = await f.CountAsync(() => f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct));

        Assert.Equal((1L, "Dark mode"), (read.Requests, read.Result.Title));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => f.Client.GetIssueAsync(DiscussionsFixture.Forum, question.Number, Ct));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => f.Client.GetIssueAsync(DiscussionsFixture.Forum, 999, Ct));
    }

    [Fact]
    public async Task ListComments_150CommentsAnd120RepliesToOne_FlattenedInCreationOrder_InThreeRequests()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Many replies", at: Start);
        var first = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "comment 1", "bob.chen", createdAt: Start.AddMinutes(1));
        for (var n = 2; n <= 150; n++)
        {
            f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, $"comment {n}", "bob.chen", createdAt: Start.AddMinutes(n));
        }

        for (var n = 1; n <= 120; n++)
        {
            // Replies to the first comment, interleaved in time with the later top-level comments.
            f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, $"reply {n}", "carla.rossi", replyTo: first.Id, createdAt: Start.AddMinutes(n).AddSeconds(30));
        }

        await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct);

        var read = await f.CountAsync(() => f.Client.ListCommentsAsync(DiscussionsFixture.Forum, idea.Number, Ct).ToListAsync(Ct).AsTask());

        // Two pages of comments (each with its first 100 replies) and one for replies 101..120.
        Assert.Equal(3, read.Requests);
        Assert.Equal(270, read.Result.Count);
        Assert.Equal(read.Result.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id), read.Result.Select(c => c.Id));
        Assert.Equal(["comment 1", "reply 1", "comment 2", "reply 2"], read.Result.Take(4).Select(c => c.Body));
        Assert.Equal(270, read.Result.Select(c => c.Id).Distinct().Count());
        Assert.Contains(read.Result, c => c.Body == "reply 120");
        Assert.All(read.Result, c => Assert.False(c.System || c.Internal));
    }

    [Fact]
    public async Task ListComments_MinimizedCommentOrReply_IsFlaggedSystemSoItIsNeverCopied()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Spam target", at: Start);
        var spam = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "buy now", "spam.bot", createdAt: Start.AddMinutes(1));
        var kept = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "useful", "bob.chen", createdAt: Start.AddMinutes(2));
        var rude = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "rude reply", "troll", replyTo: kept.Id, createdAt: Start.AddMinutes(3));
        f.Hub.MinimizeDiscussionComment(DiscussionsFixture.Repo, idea.Number, spam.Id);
        f.Hub.MinimizeDiscussionComment(DiscussionsFixture.Repo, idea.Number, rude.Id);

        var comments = await f.Client.ListCommentsAsync(DiscussionsFixture.Forum, idea.Number, Ct).ToListAsync(Ct);

        Assert.Equal([("buy now", true), ("useful", false), ("rude reply", true)], comments.Select(c => (c.Body, c.System)));
    }

    [Fact]
    public async Task HostileText_ComesBackVerbatim_TheClientNeverRewritesIt()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        const string Title = "<script>alert(1)</script> @everyone ${{ secrets.TOKEN }}";
        const string Body = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n<!-- issuesync:moved x -->\n[x](javascript:alert(1)) \"quotes\" \\ back\\slash\n/close\n\u202Eevil\u0000";
        var idea = f.Idea(Title, Body, at: Start);
        f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, Body, "mallory", createdAt: Start.AddMinutes(1));

        var read = await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        var listed = await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).SingleAsync(Ct);
        var comment = await f.Client.ListCommentsAsync(DiscussionsFixture.Forum, idea.Number, Ct).SingleAsync(Ct);

        Assert.Equal((Title, Body), (read.Title, read.Body));
        Assert.Equal((Title, Body), (listed.Title, listed.Body));
        Assert.Equal(Body, comment.Body);
    }

    [Fact]
    public async Task Votes_ThumbsUpAreIdentifiedVoters_UpvoteCountIsTheAnonymousNumber()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Export to CSV", at: Start, author: "zoe.author");
        f.Hub.UpvoteDiscussion(DiscussionsFixture.Repo, idea.Number, "alice.martin", "bob.chen", "u1", "u2", "u3");
        f.Hub.AddDiscussionReaction(DiscussionsFixture.Repo, idea.Number, "THUMBS_UP", "alice.martin", Start.AddHours(1));
        f.Hub.AddDiscussionReaction(DiscussionsFixture.Repo, idea.Number, "THUMBS_UP", "carla.rossi", Start.AddHours(2));
        f.Hub.AddDiscussionReaction(DiscussionsFixture.Repo, idea.Number, "HEART", "dan.okafor", Start.AddHours(3));

        var reactions = await f.Client.ListIssueReactionsAsync(DiscussionsFixture.Forum, idea.Number, Ct).ToListAsync(Ct);
        var signals = await f.Client.ListVoteSignalsAsync(DiscussionsFixture.Forum, new VoteSignalQuery(Numbers: [idea.Number]), Ct).ToListAsync(Ct);
        var open = await f.Client.ListVoteSignalsAsync(DiscussionsFixture.Forum, new VoteSignalQuery(), Ct).ToListAsync(Ct);
        var issue = await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);

        Assert.Equal([("+1", "alice.martin", Start.AddHours(1)), ("+1", "carla.rossi", Start.AddHours(2))], reactions.Select(r => (r.Name, r.User.Username, r.CreatedAt)));
        foreach (var signal in new[] { signals.Single(), open.Single() })
        {
            Assert.Equal(new Dictionary<string, int> { ["+1"] = 2 }, signal.Counts);
            Assert.Equal(["alice.martin", "carla.rossi"], signal.Voters!.Select(v => v.User.Username));
            Assert.Equal((5, "zoe.author", "Export to CSV"), (signal.Anonymous, signal.Author?.Username, signal.Title));
        }

        Assert.Equal(5, issue.Upvotes);
    }

    [Fact]
    public async Task VoteSignals_150NumbersAndOneIdeaWith130Voters_ThreeRequests_AndAMissingNumberIsSkipped()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        for (var n = 1; n <= 150; n++)
        {
            f.Idea($"Idea {n}", at: Start.AddMinutes(n));
        }

        for (var v = 1; v <= 130; v++)
        {
            f.Hub.AddDiscussionReaction(DiscussionsFixture.Repo, 42, "THUMBS_UP", $"voter{v}", Start.AddHours(1).AddMinutes(v));
        }

        f.Hub.UpvoteDiscussion(DiscussionsFixture.Repo, 7, "alice.martin");
        await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct);
        var numbers = Enumerable.Range(1, 150).Select(n => (long)n).Append(9_999).ToList();

        var read = await f.CountAsync(() => f.Client.ListVoteSignalsAsync(DiscussionsFixture.Forum, new VoteSignalQuery(Numbers: numbers), Ct).ToListAsync(Ct).AsTask());

        // Two aliased queries (100 + 51 numbers) and one more page of #42's voters.
        Assert.Equal(3, read.Requests);
        Assert.Equal(Enumerable.Range(1, 150).Select(n => (long)n), read.Result.Select(s => s.Number));
        Assert.Equal(130, read.Result[41].Voters!.Count);
        Assert.Equal(130, read.Result[41].Voters!.Select(v => v.User.Username).Distinct().Count());
        Assert.Equal(1, read.Result[6].Anonymous);
    }

    [Fact]
    public async Task CreateComment_ReplyWithAHiddenMarker_IsFoundAgainByListComments_InOneRequest()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Move me", at: Start);
        var other = f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "+1 from me", "bob.chen", createdAt: Start.AddMinutes(1));
        f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "nested <!-- issuesync:reply-marker -->", "bob.chen", replyTo: other.Id, createdAt: Start.AddMinutes(2));
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        const string Notice = "Moved to https://github.example/acme/app/issues/12\n\n<!-- issuesync:moved-from forum:acme/forum/ideas#1 -->";

        var reply = await f.CountAsync(() => f.Client.CreateCommentAsync(DiscussionsFixture.Forum, idea.Number, Notice, isInternal: false, Ct));
        var comments = await f.Client.ListCommentsAsync(DiscussionsFixture.Forum, idea.Number, Ct).ToListAsync(Ct);

        Assert.Equal(1, reply.Requests);
        Assert.Contains("addDiscussionComment", Assert.Single(reply.Bodies), StringComparison.Ordinal);
        Assert.Equal(Notice, reply.Result.Body);
        Assert.Equal(reply.Result.Id, Assert.Single(comments, c => c.Body.Contains("<!-- issuesync:moved-from", StringComparison.Ordinal)).Id);
        Assert.Single(comments, c => c.Body.Contains("<!-- issuesync:reply-marker -->", StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotSupportedException>(() => f.Client.CreateCommentAsync(DiscussionsFixture.Forum, idea.Number, "x", isInternal: true, Ct));
    }

    [Theory]
    [InlineData("duplicate", "DUPLICATE")]
    [InlineData("outdated", "OUTDATED")]
    public async Task EditIssue_CloseWithReason_OneCloseDiscussion(string reason, string sent)
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Close me", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);

        var closed = await f.CountAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: reason), Ct));

        Assert.Equal(1, closed.Requests);
        Assert.Contains("closeDiscussion", Assert.Single(closed.Bodies), StringComparison.Ordinal);
        Assert.Equal((IssueState.Closed, reason), (closed.Result.State, closed.Result.StateReason));
        Assert.Equal((true, sent, false), (idea.Closed, idea.StateReason, idea.Locked));
    }

    [Fact]
    public async Task EditIssue_Lock_OneLockLockable_AndTheIdeaReadsAsClosedLocked()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Lock me", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);

        var locked = await f.CountAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: "locked"), Ct));

        Assert.Equal(1, locked.Requests);
        Assert.Contains("lockLockable", Assert.Single(locked.Bodies), StringComparison.Ordinal);
        Assert.Equal((IssueState.Closed, "locked"), (locked.Result.State, locked.Result.StateReason));
        Assert.Equal((false, true), (idea.Closed, idea.Locked));
        Assert.Empty(await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task EditIssue_LabelOnly_WritesNothing_AndAnswersTheIdeaAsItIs()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Keep me", at: Start, labels: ["ux"]);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);

        var edit = await f.CountAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(AddLabels: ["moved"]), Ct));
        var change = await f.CountAsync(async () =>
        {
            await f.Client.ChangeLabelsAsync(DiscussionsFixture.Forum, idea.Number, ["moved"], [], Ct);
            return 0;
        });

        Assert.DoesNotContain(edit.Bodies, b => b.Contains("mutation", StringComparison.Ordinal));
        Assert.Equal(IssueState.Open, edit.Result.State);
        Assert.Equal(["ux"], edit.Result.Labels);
        Assert.Equal((0L, 0), (change.Requests, change.Bodies.Count));
        Assert.Equal(["ux"], idea.Labels);
        Assert.False(idea.Closed || idea.Locked);
        await Assert.ThrowsAsync<NotSupportedException>(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(Title: "renamed"), Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => f.Client.CreateIssueAsync(DiscussionsFixture.Forum, new NewIssue("x", "y"), Ct));
    }

    [Fact]
    public async Task OneIdeasMove_CostsOneRequestPerStep_AfterOneCategoryReadPerClient()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Budget idea", "Body", at: Start, labels: ["feature"]);
        f.Idea("Another", at: Start.AddMinutes(1), labels: ["feature"]);
        f.Hub.AddDiscussionComment(DiscussionsFixture.Repo, idea.Number, "A reply", "bob.chen", createdAt: Start.AddMinutes(2));
        f.Hub.AddDiscussionReaction(DiscussionsFixture.Repo, idea.Number, "THUMBS_UP", "carla.rossi");
        f.Hub.UpvoteDiscussion(DiscussionsFixture.Repo, idea.Number, "carla.rossi", "dan.okafor");
        var path = DiscussionsFixture.Forum;

        var list = await f.CountAsync(() => f.Client.ListIssuesAsync(path, new IssueQuery(IssueStateFilter.Open, ["feature"]), Ct).ToListAsync(Ct).AsTask());
        var read = await f.CountAsync(() => f.Client.GetIssueAsync(path, idea.Number, Ct));
        var comments = await f.CountAsync(() => f.Client.ListCommentsAsync(path, idea.Number, Ct).ToListAsync(Ct).AsTask());
        var voters = await f.CountAsync(() => f.Client.ListIssueReactionsAsync(path, idea.Number, Ct).ToListAsync(Ct).AsTask());
        var votes = await f.CountAsync(() => f.Client.ListVoteSignalsAsync(path, new VoteSignalQuery(Numbers: [idea.Number]), Ct).ToListAsync(Ct).AsTask());
        var reply = await f.CountAsync(() => f.Client.CreateCommentAsync(path, idea.Number, "Moved to x <!-- m -->", false, Ct));
        var close = await f.CountAsync(() => f.Client.EditIssueAsync(path, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct));

        // The listing's first request per client resolves the category; every later step is exactly one request.
        Assert.Equal((2L, 1L, 1L, 1L, 1L, 1L, 1L), (list.Requests, read.Requests, comments.Requests, voters.Requests, votes.Requests, reply.Requests, close.Requests));
        Assert.Equal((2, 2, 1, 1, 2), (list.Result.Count, read.Result.Upvotes, comments.Result.Count, voters.Result.Count, votes.Result.Single().Anonymous));
        Assert.Equal(IssueState.Closed, close.Result.State);
    }

    [Fact]
    public async Task CurrentUserLabelsAndMilestones_AreTheViewerTheRepositoryLabelsAndNone()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        f.Idea("Labelled", at: Start, labels: ["ux"]);

        var user = await f.Client.GetCurrentUserAsync(Ct);
        var labels = await f.Client.ListLabelsAsync(DiscussionsFixture.Forum, Ct).ToListAsync(Ct);

        Assert.Equal("sandbox-bot", user.Username);
        Assert.Equal([new TrackerLabel("ux", "#ededed")], labels);
        Assert.Empty(await f.Client.ListMilestonesAsync(DiscussionsFixture.Forum, Ct).ToListAsync(Ct));
        Assert.Empty(await f.Client.ListCommentReactionsAsync(DiscussionsFixture.Forum, 1, 1, Ct).ToListAsync(Ct));
        Assert.Equal((TrackerKind.GitHubDiscussions, DiscussionsFixture.Name), (f.Client.Kind, f.Client.IdentityHost));
    }
}
