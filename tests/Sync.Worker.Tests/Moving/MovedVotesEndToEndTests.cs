using Sync.Sandbox;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Moving;

/// <summary>A moved issue's demand: its public voters and its private source's, one vote per person across hosts.</summary>
[Collection(HostCollection.Name)]
public sealed class MovedVotesEndToEndTests
{
    [Fact]
    public async Task Votes_AfterAGitLabToGitHubMove_MergeSourceAndPublicVotersThroughTheIdentityMap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        sandbox.GitLabDev.CreateProject("acme/votes-src", isPrivate: true);
        sandbox.GitHub.CreateProject("acme/votes-dst", isPrivate: false);
        var issue = sandbox.GitLabDev.AddIssue("acme/votes-src", "Saved searches", "Keep my filters.", ["public"], "carol.diaz");
        sandbox.GitLabDev.AddAward("acme/votes-src", issue.Number, "thumbsup", "alice.martin");
        sandbox.GitLabDev.AddAward("acme/votes-src", issue.Number, "thumbsup_tone3", "bob.chen");
        sandbox.GitLabDev.AddAward("acme/votes-src", issue.Number, "thumbsup", "carol.diaz"); // the author: excluded
        string[] args =
        [
            "--once",
            "--IssueSync:Trackers:dev:Kind=GitLab", $"--IssueSync:Trackers:dev:ApiUrl={sandbox.GitLabDev.ApiUrl}", $"--IssueSync:Trackers:dev:Token={sandbox.GitLabDev.Token}",
            "--IssueSync:Trackers:github:Kind=GitHub", $"--IssueSync:Trackers:github:ApiUrl={sandbox.GitHub.ApiUrl}", $"--IssueSync:Trackers:github:Token={sandbox.GitHub.Token}",
            "--IssueSync:Products:p:Public=github:acme/votes-dst",
            "--IssueSync:Products:p:Sources:0:Project=dev:acme/votes-src",
            "--IssueSync:Products:p:Votes:IdentityMap:0:From=dev:alice.martin",
            "--IssueSync:Products:p:Votes:IdentityMap:0:To=github:alice-gh",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
        ];

        var first = await InProcessApp.RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("Saved searches: 👍 2 👎 0, 2 voter(s)", first.Output, StringComparison.Ordinal); // alice + bob, carried over

        var target = Assert.Single(sandbox.GitHub.Issues("acme/votes-dst"));
        sandbox.GitHub.AddAward("acme/votes-dst", target.Number, "+1", "alice-gh"); // alice again, on GitHub: still one person
        sandbox.GitHub.AddAward("acme/votes-dst", target.Number, "+1", "newcomer");
        var second = await InProcessApp.RunAsync(args);

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.True(second.Output.Contains("Saved searches: 👍 3 👎 0, 3 voter(s)", StringComparison.Ordinal), second.Output);

        sandbox.GitLabDev.AddAward("acme/votes-src", issue.Number, "thumbsup", "dev.patel"); // a late vote on the closed source
        var third = await InProcessApp.RunAsync(args);
        Assert.Contains("Saved searches: 👍 4 👎 0, 4 voter(s)", third.Output, StringComparison.Ordinal);

        // The source is deleted: its voters, as last read, stay with the public issue.
        lock (sandbox.GitLabDev.Sync)
        {
            sandbox.GitLabDev.Project("acme/votes-src").Remove(issue);
        }

        sandbox.GitHub.AddAward("acme/votes-dst", target.Number, "+1", "late.voter");
        var fourth = await InProcessApp.RunAsync(args);
        Assert.True(fourth.ExitCode == 0, fourth.Output + fourth.Error);
        Assert.True(fourth.Output.Contains("Saved searches: 👍 5 👎 0, 5 voter(s)", StringComparison.Ordinal), fourth.Output);
    }
}
