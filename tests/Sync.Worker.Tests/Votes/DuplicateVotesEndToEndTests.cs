using Sync.Sandbox;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Votes;

/// <summary>Issues closed as duplicates add their voters to the canonical issue, once per person, on both trackers.</summary>
[Collection(HostCollection.Name)]
public sealed class DuplicateVotesEndToEndTests
{
    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task Votes_OnADuplicate_RollUpIntoTheCanonicalIssue(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var up = tracker == "gitlab" ? "thumbsup" : "+1";
        instance.CreateProject("acme/dups", isPrivate: false);
        var canonical = instance.AddIssue("acme/dups", "Offline mode", "Work without a network.", [], "carol.diaz");
        instance.AddAward("acme/dups", canonical.Number, up, "alice.martin");
        var duplicate = instance.AddIssue("acme/dups", "Use the app offline", "Same as the other one.", [], "dev.patel");
        instance.AddAward("acme/dups", duplicate.Number, tracker == "gitlab" ? "thumbsup_tone2" : up, "bob.chen");
        instance.AddAward("acme/dups", duplicate.Number, up, "alice.martin"); // already counted on the canonical
        if (tracker == "gitlab")
        {
            duplicate.DuplicateOf = canonical;
        }
        else
        {
            instance.AddNote("acme/dups", duplicate.Number, $"Duplicate of #{canonical.Number}", "carol.diaz");
            duplicate.StateReason = "duplicate";
        }

        duplicate.Closed = true;
        string[] args =
        [
            "--once",
            $"--IssueSync:Trackers:{tracker}:Kind={instance.Kind}", $"--IssueSync:Trackers:{tracker}:ApiUrl={instance.ApiUrl}", $"--IssueSync:Trackers:{tracker}:Token={instance.Token}",
            $"--IssueSync:Products:p:Public={tracker}:acme/dups",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
        ];

        var run = await InProcessApp.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(run.Output.Contains($"#{canonical.Number} Offline mode: 👍 2 👎 0, 2 voter(s)", StringComparison.Ordinal), run.Output);
    }
}
