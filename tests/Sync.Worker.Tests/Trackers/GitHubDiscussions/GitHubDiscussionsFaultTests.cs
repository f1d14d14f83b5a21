using Sync.Core.Trackers;
using Sync.Sandbox;

namespace Sync.Worker.Tests.Trackers.GitHubDiscussions;

/// <summary>
/// The Discussions client under the sandbox's faults, each aimed at one GraphQL operation (<see cref="SandboxFault.Operation"/>):
/// a reply whose answer is lost is not sent again (the move finds it by its marker), idempotent mutations and reads are
/// retried, refusals are not, and limit answers wait as GitHub's limit rules say.
/// </summary>
public sealed class GitHubDiscussionsFaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SandboxFaultKind.CommitThenError)]
    [InlineData(SandboxFaultKind.CommitThenDrop)]
    public async Task Reply_AnswerLostAfterTheWrite_IsNotSentTwice_AndItsMarkerIsFoundAfterwards(SandboxFaultKind kind)
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Lose my answer", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(kind, Operation: "addDiscussionComment"));
        const string Notice = "Moved to https://example.test/acme/app/issues/3\n<!-- issuesync:moved-from forum:acme/forum/ideas#1 -->";

        var sent = await f.CountAsync(async () => await Record.ExceptionAsync(() => f.Client.CreateCommentAsync(DiscussionsFixture.Forum, idea.Number, Notice, false, Ct)));
        var comments = await f.Client.ListCommentsAsync(DiscussionsFixture.Forum, idea.Number, Ct).ToListAsync(Ct);

        Assert.IsType<TrackerUnavailableException>(sent.Result);
        Assert.Equal(1, sent.Requests);
        Assert.Single(idea.Comments);
        Assert.Single(comments, c => c.Body.Contains("<!-- issuesync:moved-from", StringComparison.Ordinal));
        Assert.Equal(0, f.Sandbox.Control.PendingFaults);
    }

    [Fact]
    public async Task Close_ServerErrorBeforeOrAnswerLostAfter_IsRetried_AndTheIdeaIsClosedOnce()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Close despite faults", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.ServerError, Status: 502, Operation: "closeDiscussion"));
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.CommitThenError, Operation: "closeDiscussion"));

        var closed = await f.CountAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct));

        // 502 before the handler, then committed with the answer lost, then the repeat answered: closing twice changes nothing.
        Assert.Equal(3, closed.Requests);
        Assert.Equal((IssueState.Closed, "duplicate"), (closed.Result.State, closed.Result.StateReason));
        Assert.Equal((true, "DUPLICATE"), (idea.Closed, idea.StateReason));
    }

    [Fact]
    public async Task Lock_Refused_IsNotRetried_ThrowsValidationAfterCheckingTheIdea_AndNothingChanges()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Refuse my lock", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.Refused, Operation: "lockLockable", Message: "Resource not accessible by integration"));

        var refused = await f.CountAsync(async () => await Record.ExceptionAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: "locked"), Ct)));

        Assert.Contains("Resource not accessible by integration", Assert.IsType<TrackerValidationException>(refused.Result).Message, StringComparison.Ordinal);
        // The lock once, then one read to see whether the idea was already locked (it was not).
        Assert.Equal(2, refused.Requests);
        Assert.Single(refused.Bodies, b => b.Contains("lockLockable", StringComparison.Ordinal));
        Assert.False(idea.Locked);
    }

    [Fact]
    public async Task Close_RefusedBecauseAlreadyClosed_AnswersTheClosedIdeaAfterOneRead()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        var idea = f.Idea("Closed meanwhile", at: Start);
        await f.Client.GetIssueAsync(DiscussionsFixture.Forum, idea.Number, Ct);
        idea.Closed = true;
        idea.StateReason = "DUPLICATE";
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.Refused, Operation: "closeDiscussion", Message: "Discussion is already closed"));

        var closed = await f.CountAsync(() => f.Client.EditIssueAsync(DiscussionsFixture.Forum, idea.Number, new IssueEdit(State: IssueState.Closed, StateReason: "duplicate"), Ct));

        Assert.Equal(2, closed.Requests);
        Assert.Equal((IssueState.Closed, "duplicate"), (closed.Result.State, closed.Result.StateReason));
    }

    [Fact]
    public async Task Listing_A403SecondaryLimitThenA429_WaitsAndRetries_ThenReadsThePage()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        f.Idea("Limited", at: Start);
        await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct);
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.Refused, Status: 403, Operation: "repository", Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.Refused, Status: 429, Operation: "repository", Message: "Too many requests"));

        var listed = await f.CountAsync(() => f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(3, listed.Requests);
        Assert.Equal(["Limited"], listed.Result.Select(i => i.Title));
    }

    [Fact]
    public async Task Listing_SecondaryLimitThatPersists_FailsWithARateLimitErrorNamingTheTracker()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        f.Idea("Limited", at: Start);
        await f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct);
        f.Sandbox.Control.InjectFault(f.Hub.Name, new SandboxFault(SandboxFaultKind.Refused, Count: 10, Status: 429, Operation: "repository", Message: "Too many requests"));

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(() => f.Client.ListIssuesAsync(DiscussionsFixture.Forum, new IssueQuery(), Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("'forum'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrimaryGraphQlBudgetSpent_FailsWithTheResetTime_InsteadOfWaitingPastMaxWait()
    {
        await using var f = await DiscussionsFixture.StartAsync(Ct);
        f.Idea("Budget", at: Start);
        f.Sandbox.Control.Limits.GitHubPerHour = 2;

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await f.Client.GetIssueAsync(DiscussionsFixture.Forum, 1, Ct);
            }
        });

        Assert.NotNull(error.ResetAt);
        Assert.Contains("'forum'", error.Message, StringComparison.Ordinal);
    }
}
