using Sync.Sandbox;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Forums;

/// <summary>
/// A forum idea's votes become demand of its public issue through the real worker (<c>--once</c>, every stage): its
/// identified voters merge with the issue's own 👍 voters one per person (a GitHub Discussions voter is the same GitHub
/// account), its number-only upvotes are carried apart, and together they change RICE reach and the roadmap's order.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ForumDemandEndToEndTests
{
    private const string Public = "acme/rank-dst";
    private const string Ideas = "acme/rank-ideas";

    /// <summary><c>--once</c> for product <c>p</c>: the sandbox GitHub's public project and its Discussions forum <c>ideas</c>, a fresh store.</summary>
    private static string[] Args(SandboxInstance hub, params string[] extra) =>
    [
        "--once",
        "--IssueSync:Trackers:github:Kind=GitHub", $"--IssueSync:Trackers:github:ApiUrl={hub.ApiUrl}", $"--IssueSync:Trackers:github:Token={hub.Token}",
        "--IssueSync:Trackers:ideas:Kind=GitHubDiscussions", $"--IssueSync:Trackers:ideas:ApiUrl={hub.ApiUrl}", $"--IssueSync:Trackers:ideas:Token={hub.Token}",
        $"--IssueSync:Products:p:Public=github:{Public}",
        $"--IssueSync:Products:p:Forums:0:Project=ideas:{Ideas}/ideas",
        $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
        .. extra,
    ];

    [Fact]
    public async Task ForumVotes_ChangeRiceReachAndTheRoadmapOrder_AndAVoterOnBothCountsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Public, isPrivate: false);
        var existing = hub.AddIssue(Public, "Export to PDF", "Print it.", ["impact::2", "effort::1"], "erin");
        foreach (var voter in new[] { "u1", "u2", "u3" })
        {
            hub.AddAward(Public, existing.Number, "+1", voter);
        }

        hub.CreateProject(Ideas, isPrivate: false);
        hub.CreateDiscussionCategory(Ideas, "Ideas");
        var idea = hub.AddDiscussion(Ideas, "ideas", "Offline mode", "Let me work offline.", "alice.martin");
        hub.AddDiscussionReaction(Ideas, idea.Number, "THUMBS_UP", "bob.chen");
        hub.AddDiscussionReaction(Ideas, idea.Number, "THUMBS_UP", "carol.diaz");
        hub.UpvoteDiscussion(Ideas, idea.Number, [.. Enumerable.Range(1, 10).Select(i => $"fan{i}")]);
        var args = Args(hub, "--IssueSync:Products:p:Rice:Enabled=true", "--IssueSync:Products:p:Roadmap:Enabled=true");

        var first = await InProcessApp.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var moved = Assert.Single(hub.Issues(Public), i => i.Title == "Offline mode");
        Assert.True(hub.Discussion(Ideas, idea.Number).Closed);
        Assert.Contains("Offline mode: 👍 2 👎 0, 2 voter(s) +10 from the forum", first.Output, StringComparison.Ordinal);

        // A PM gives the new issue its RICE inputs, and one forum voter also votes on the issue: still one person.
        lock (hub.Sync)
        {
            var issue = hub.Issue(Public, moved.Number);
            issue.Labels.AddRange(["impact::2", "effort::1"]);
            issue.UpdatedAt = issue.UpdatedAt.AddMinutes(1);
        }

        hub.AddAward(Public, moved.Number, "+1", "bob.chen");
        var second = await InProcessApp.RunAsync(args);

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Offline mode: 👍 2 👎 0, 2 voter(s) +10 from the forum", second.Output, StringComparison.Ordinal);
        var rice = hub.Notes(Public, moved.Number).Select(n => n.Body).Last(b => b.Contains("RICE", StringComparison.Ordinal));
        Assert.Contains("(2 voter(s) in the last 90 days + 10 from the forum) × 1", rice, StringComparison.Ordinal);

        // Reach 12 beats the existing request's 3 at equal impact and effort: the idea now leads the roadmap. Without its
        // forum votes (reach 2) it would rank below.
        var roadmap = Assert.Single(hub.Issues(Public), i => i.Description?.Contains("issuesync:roadmap", StringComparison.Ordinal) == true).Description!;
        var offline = roadmap.IndexOf("Offline mode", StringComparison.Ordinal);
        var pdf = roadmap.IndexOf("Export to PDF", StringComparison.Ordinal);
        Assert.True(offline >= 0 && pdf > offline, roadmap);
        Assert.True(roadmap.Contains("+10 from the forum", StringComparison.Ordinal), roadmap);
    }

    [Fact]
    public async Task CloseAsKeep_TheIdeaStaysOpen_MovesOnce_AndLaterForumVotesKeepCounting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Public, isPrivate: false);
        hub.CreateProject(Ideas, isPrivate: false);
        hub.CreateDiscussionCategory(Ideas, "Ideas");
        var idea = hub.AddDiscussion(Ideas, "ideas", "Offline mode", "Let me work offline.", "alice.martin");
        hub.AddDiscussionReaction(Ideas, idea.Number, "THUMBS_UP", "bob.chen");
        hub.UpvoteDiscussion(Ideas, idea.Number, "fan1", "fan2");
        var args = Args(hub, "--IssueSync:Products:p:Forums:0:CloseAs=Keep");

        var first = await InProcessApp.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("Offline mode: 👍 1 👎 0, 1 voter(s) +2 from the forum", first.Output, StringComparison.Ordinal);
        var left = hub.Discussion(Ideas, idea.Number);
        Assert.False(left.Closed || left.Locked);
        Assert.Single(left.Comments, c => c.Body.StartsWith("Moved to ", StringComparison.Ordinal));

        // Voting goes on in the forum: a new 👍 and three more upvotes count on the next pass; nothing moves again.
        hub.AddDiscussionReaction(Ideas, idea.Number, "THUMBS_UP", "carol.diaz");
        hub.UpvoteDiscussion(Ideas, idea.Number, "fan3", "fan4", "fan5");
        var second = await InProcessApp.RunAsync(args);

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Offline mode: 👍 2 👎 0, 2 voter(s) +5 from the forum", second.Output, StringComparison.Ordinal);
        Assert.Single(hub.Issues(Public), i => i.Title == "Offline mode");
        Assert.Single(hub.Discussion(Ideas, idea.Number).Comments, c => c.Body.StartsWith("Moved to ", StringComparison.Ordinal));
    }
}
