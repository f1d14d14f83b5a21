using System.Diagnostics;
using Sync.Sandbox;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Moving;

/// <summary>
/// The worker PROCESS dies in the middle of a move: the sandbox holds one write request open (the writes before it
/// are done) and the test kills the process while it waits. A rerun must finish the move exactly once.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MoveProcessCrashTests
{
    public static TheoryData<string, string, string, string> KillPoints => new()
    {
        { "while creating a missing target label", "github", "POST", "/labels" },
        { "while creating the target issue", "github", "POST", "/e2e-dst/issues" },
        { "while posting the first comment (target issue done)", "github", "POST", "/comments" },
        { "while posting the Moved-to notice (comments done)", "gitlab-dev", "POST", "/notes" },
        { "while closing the source (notice done)", "gitlab-dev", "PUT", "/issues/" },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Move_WhenTheProcessIsKilledMidMove_RerunYieldsExactlyOneOfEverything(string when, string instance, string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        sandbox.GitLabDev.CreateProject("acme/e2e-src", isPrivate: true);
        sandbox.GitHub.CreateProject("acme/e2e-dst", isPrivate: false);
        var issue = sandbox.GitLabDev.AddIssue("acme/e2e-src", "Bulk edit", "Let us edit many issues at once.", ["public", "feature"], "bob.chen");
        sandbox.GitLabDev.AddNote("acme/e2e-src", issue.Number, "First comment", "alice.martin");
        sandbox.GitLabDev.AddNote("acme/e2e-src", issue.Number, "Second comment", "dev.patel");
        string[] args =
        [
            "--once",
            $"--IssueSync:Trackers:dev:Kind=GitLab", $"--IssueSync:Trackers:dev:ApiUrl={sandbox.GitLabDev.ApiUrl}", $"--IssueSync:Trackers:dev:Token={sandbox.GitLabDev.Token}",
            $"--IssueSync:Trackers:github:Kind=GitHub", $"--IssueSync:Trackers:github:ApiUrl={sandbox.GitHub.ApiUrl}", $"--IssueSync:Trackers:github:Token={sandbox.GitHub.Token}",
            "--IssueSync:Products:e2e:Public=github:acme/e2e-dst",
            "--IssueSync:Products:e2e:Sources:0:Project=dev:acme/e2e-src",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
            "--IssueSync:ProductLease=00:00:02", // the killed process cannot release its lease: it expires instead
        ];

        sandbox.Control.InjectFault(instance, new SandboxFault(SandboxFaultKind.Timeout, Count: 1, PathContains: path, Method: method));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(WorkerBinary.Path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using (var worker = Process.Start(info)!)
        {
            worker.OutputDataReceived += (_, _) => { };
            worker.ErrorDataReceived += (_, _) => { };
            worker.BeginOutputReadLine();
            worker.BeginErrorReadLine();
            var waited = Stopwatch.StartNew();
            while (sandbox.Control.PendingFaults > 0 && !worker.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, ct);
            }

            Assert.True(sandbox.Control.PendingFaults == 0, $"{when}: the worker never reached the kill point");
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync(ct);
        }

        sandbox.Control.ClearFaults();
        await Task.Delay(TimeSpan.FromSeconds(2.5), ct); // let the dead process's lease expire
        var rerun = await InProcessApp.RunAsync(args);

        Assert.True(rerun.ExitCode == 0, $"{when}: {rerun.Output}{rerun.Error}");
        var targets = sandbox.GitHub.Issues("acme/e2e-dst").Where(i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true).ToList();
        var target = Assert.Single(targets);
        Assert.Equal(2, target.Notes.Count(n => !n.System));
        Assert.Single(target.Notes, n => n.Body.Contains("First comment", StringComparison.Ordinal));
        Assert.Single(target.Notes, n => n.Body.Contains("Second comment", StringComparison.Ordinal));
        var source = sandbox.GitLabDev.Issue("acme/e2e-src", issue.Number);
        Assert.True(source.Closed);
        Assert.Single(source.Notes, n => n.Body.StartsWith("Moved to ", StringComparison.Ordinal));
        // The close itself is a resource_state_event on GitLab, not a note: no "closed" note to count.
        Assert.DoesNotContain(source.Notes, n => n.System && n.Body.Contains("closed", StringComparison.Ordinal));
    }
}
