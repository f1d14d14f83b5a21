using Microsoft.Extensions.Time.Testing;
using Octokit;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>The IssueSync GitHub adapter is built on Octokit 14: its models must read what the sandbox sends.</summary>
public sealed class OctokitContractTests
{
    private static GitHubClient Octokit(SandboxServer server) =>
        new(new ProductHeaderValue("sandbox-tests"), new Uri(server.BaseAddress, "github/")) { Credentials = new Credentials(server.GitHub.Token) };

    [Fact]
    public async Task GetAllForRepository_FollowsLinkPaging_AndSeesPullRequests()
    {
        await using var server = await TestSandbox.StartAsync();
        var octokit = Octokit(server);

        var issues = await octokit.Issue.GetAllForRepository("acme", "widget", new RepositoryIssueRequest { State = ItemStateFilter.All }, new ApiOptions { PageSize = 5 });

        // The demo seed's 15 generated issues, 2 pull requests, its duplicate pair, 4 shipped v2.3 issues and 3 new requests.
        Assert.Equal(26, issues.Count);
        Assert.Equal(2, issues.Count(i => i.PullRequest is not null));
        Assert.Equal(26, issues.Select(i => i.Number).Distinct().Count());
        Assert.Contains(issues, i => i.Reactions.TotalCount > 0);
        Assert.Equal(5000 - 6, octokit.GetLastApiInfo().RateLimit.Remaining); // 26 items at 5 a page: 6 pages
    }

    [Fact]
    public async Task CreateLabelCommentReactAndClose_RoundTripThroughOctokitModels()
    {
        await using var server = await TestSandbox.StartAsync();
        var octokit = Octokit(server);

        var created = await octokit.Issue.Create("acme", "widget", new NewIssue("From Octokit") { Body = "body", Labels = { "public" } });
        await octokit.Issue.Labels.AddToIssue("acme", "widget", created.Number, ["customer"]);
        var comment = await octokit.Issue.Comment.Create("acme", "widget", created.Number, "first!");
        await octokit.Reaction.Issue.Create("acme", "widget", created.Number, new NewReaction(ReactionType.Plus1));
        await octokit.Reaction.IssueComment.Create("acme", "widget", comment.Id, new NewReaction(ReactionType.Heart));
        var closed = await octokit.Issue.Update("acme", "widget", created.Number, new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.NotPlanned });
        var comments = await octokit.Issue.Comment.GetAllForIssue("acme", "widget", created.Number);
        var reactions = await octokit.Reaction.Issue.GetAll("acme", "widget", created.Number);

        Assert.Equal(ItemState.Closed, closed.State.Value);
        Assert.Equal(ItemStateReason.NotPlanned, closed.StateReason!.Value.Value);
        Assert.Equal(["public", "customer"], closed.Labels.Select(l => l.Name).ToList());
        Assert.Equal(1, closed.Reactions.Plus1);
        Assert.Equal(1, closed.Comments);
        Assert.Equal(1, comments.Single().Reactions.Heart);
        Assert.Equal(ReactionType.Plus1, reactions.Single().Content.Value);
        Assert.Equal("sandbox-bot", reactions.Single().User.Login);
    }

    [Fact]
    public async Task RenamingLabelWithLabelUpdate_Works()
    {
        await using var server = await TestSandbox.StartAsync();
        var octokit = Octokit(server);
        await octokit.Issue.Labels.Create("acme", "widget", new NewLabel("old-name", "112233"));

        var renamed = await octokit.Issue.Labels.Update("acme", "widget", "old-name", new LabelUpdate("new-name", "445566"));

        Assert.Equal("new-name", renamed.Name);
        Assert.Equal("445566", renamed.Color);
    }

    [Fact]
    public async Task Limits_SurfaceAsOctokitRateLimitExceptions()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitHubContentCreatesPerMinute = 1;
        var octokit = Octokit(server);

        await octokit.Issue.Create("acme", "widget", new NewIssue("one"));
        await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() => octokit.Issue.Create("acme", "widget", new NewIssue("two")));
        // Both creates (the rejected one too) were charged against the hourly window.
        server.Control.Limits.GitHubPerHour = 2;
        var primary = await Assert.ThrowsAsync<RateLimitExceededException>(() => octokit.User.Current());

        Assert.Equal(0, primary.Remaining);
        Assert.Equal(TestSandbox.Start.AddHours(1), primary.Reset);
    }
}
