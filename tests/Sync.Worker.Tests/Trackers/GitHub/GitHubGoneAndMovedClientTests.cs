using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// The client against the sandbox's GitHub for issues that are not where they were: a transferred issue (301, which
/// Octokit follows) is never handed back under the old reference, and 410 (deleted, or issues disabled) is "not found",
/// not an unclassified error. Request counts are exact on both sides.
/// </summary>
public sealed class GitHubGoneAndMovedClientTests
{
    private const string Widget = "acme/widget";
    private const string Elsewhere = "acme/elsewhere";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetIssue_WhenTheIssueWasTransferred_IsNotFoundHereAndNamesItsNewPlace_InTwoRequests()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Elsewhere, isPrivate: false);
        hub.AddIssue(Elsewhere, "Already here");
        hub.TransferIssue(Widget, 3, Elsewhere);
        var logs = new FakeLogger<GitHubTrackerClient>();
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token, logger: logs);

        var failure = await Requests(sandbox, fixture, 2, () => Assert.ThrowsAsync<TrackerNotFoundException>(() => fixture.Client.GetIssueAsync(Widget, 3, Ct)));

        Assert.Equal((301, new IssueRef(new ProjectRef("hub", Elsewhere), 2)), (failure.StatusCode, failure.TransferredTo));
        Assert.Contains("acme/elsewhere#2", failure.Message, StringComparison.Ordinal);
        // The old number's 301 and the followed by-id read are one endpoint in the sandbox's stats.
        Assert.Equal(2, sandbox.Stats.Snapshot().For(hub.Name, "GET /repos/:owner/:repo/issues/:number"));
        Assert.Equal([1157], logs.Collector.GetSnapshot().Where(l => l.Level >= LogLevel.Warning).Select(l => l.Id.Id));
    }

    [Fact]
    public async Task EditIssue_WhenTheIssueWasTransferred_ReportsItNotFoundHere_InsteadOfReturningTheOtherIssue()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Elsewhere, isPrivate: false);
        hub.TransferIssue(Widget, 5, Elsewhere);
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);

        // Octokit re-sends the PATCH to the issue's new place (the same issue, now elsewhere); nothing is recorded under #5.
        var failure = await Requests(sandbox, fixture, 2, () => Assert.ThrowsAsync<TrackerNotFoundException>(() =>
            fixture.Client.EditIssueAsync(Widget, 5, new IssueEdit(Title: "Retitled"), Ct)));

        Assert.Equal(new IssueRef(new ProjectRef("hub", Elsewhere), 1), failure.TransferredTo);
        Assert.Equal("Retitled", hub.Issue(Elsewhere, 1).Title);
    }

    [Fact]
    public async Task VoteSignals_ByNumber_WhenOneWasTransferred_LeaveItOutInsteadOfCountingAnotherIssuesVotes()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Elsewhere, isPrivate: false);
        hub.AddAward(Widget, 6, "+1", "alice.martin");
        hub.TransferIssue(Widget, 6, Elsewhere);
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);

        var signals = await Requests(sandbox, fixture, 3, () =>
            fixture.Client.ListVoteSignalsAsync(Widget, new VoteSignalQuery(IssueStateFilter.All, Numbers: [2, 6]), Ct).ToListAsync(Ct).AsTask());

        Assert.Equal([2L], signals.Select(s => s.Number));
    }

    [Fact]
    public async Task GetIssue_WhenTheIssueWasDeleted_IsNotFoundAsGone_InOneRequestWithoutRetry()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        var repo = hub.Project(Widget);
        lock (hub.Sync)
        {
            repo.Remove(repo.FindIssue(4)!);
        }

        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);

        var failure = await Requests(sandbox, fixture, 1, () => Assert.ThrowsAsync<TrackerNotFoundException>(() => fixture.Client.GetIssueAsync(Widget, 4, Ct)));

        Assert.Equal((410, (IssueRef?)null), (failure.StatusCode, failure.TransferredTo));
        Assert.Equal("Tracker 'hub' answered 410 Gone for issue acme/widget#4: This issue was deleted", failure.Message);
    }

    [Fact]
    public async Task CreateIssueAndComment_WhenIssuesAreDisabled_FailWithOneLineNamingTheRepository_OneRequestEach()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        hub.Project(Widget).HasIssues = false;
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);

        var create = await Requests(sandbox, fixture, 1, () => Assert.ThrowsAsync<TrackerNotFoundException>(() =>
            fixture.Client.CreateIssueAsync(Widget, new NewIssue("Copy", "Body"), Ct)));
        var comment = await Requests(sandbox, fixture, 1, () => Assert.ThrowsAsync<TrackerNotFoundException>(() =>
            fixture.Client.CreateCommentAsync(Widget, 1, "Hello", isInternal: false, Ct)));

        Assert.Equal("Tracker 'hub' answered 410 Gone for new issue in acme/widget: Issues are disabled for this repo", create.Message);
        Assert.Equal("Tracker 'hub' answered 410 Gone for new comment on acme/widget#1: Issues are disabled for this repo", comment.Message);
        Assert.DoesNotContain('\n', create.Message);
    }

    /// <summary>Runs one operation and checks that the sandbox and IssueSync's own counter both moved by exactly <paramref name="requests"/>.</summary>
    internal static async Task<T> Requests<T>(SandboxServer sandbox, GitHubClientFixture fixture, int requests, Func<Task<T>> operation)
    {
        var theirs = sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name);
        var ours = fixture.Counter.Snapshot().TotalFor("hub");
        var result = await operation();
        Assert.Equal(
            (requests, requests),
            (sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name) - theirs, fixture.Counter.Snapshot().TotalFor("hub") - ours));
        return result;
    }
}
