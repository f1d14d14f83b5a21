using Sync.Sandbox;
using Sync.Worker.Jobs;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Moving;

/// <summary>A move that fails fails the run: <c>--once</c> exits 1 naming it, and the job that ran it fails with the same line.</summary>
[Collection(HostCollection.Name)]
public sealed class FailedMoveTests
{
    [Fact]
    public async Task Once_WhenOneMoveFails_MovesTheOthers_ExitsWith1_AndNamesTheFailureOnOneLine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        sandbox.GitLabDev.CreateProject("acme/fail-src", isPrivate: true);
        sandbox.GitLab.CreateProject("acme/fail-dst", isPrivate: false);
        sandbox.GitLabDev.AddIssue("acme/fail-src", "First", "One.", ["public"], "bob.chen");
        sandbox.GitLabDev.AddIssue("acme/fail-src", "Second", "Two.", ["public"], "bob.chen");

        // The public tracker refuses the first create (a 422, which no retry can fix).
        sandbox.Control.InjectFault("gitlab", new SandboxFault(SandboxFaultKind.ServerError, Status: 422, Endpoint: "POST /projects/:id/issues"));
        string[] args =
        [
            "--once",
            "--IssueSync:Trackers:dev:Kind=GitLab", $"--IssueSync:Trackers:dev:ApiUrl={sandbox.GitLabDev.ApiUrl}", $"--IssueSync:Trackers:dev:Token={sandbox.GitLabDev.Token}",
            "--IssueSync:Trackers:gitlab:Kind=GitLab", $"--IssueSync:Trackers:gitlab:ApiUrl={sandbox.GitLab.ApiUrl}", $"--IssueSync:Trackers:gitlab:Token={sandbox.GitLab.Token}",
            "--IssueSync:Products:f:Public=gitlab:acme/fail-dst",
            "--IssueSync:Products:f:Sources:0:Project=dev:acme/fail-src",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
        ];

        var (code, output, error) = await InProcessApp.RunAsync(args);

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: product 'f', step 'move': failed dev:acme/fail-src#", line, StringComparison.Ordinal);
        Assert.Contains("move: FAILED: 1 item(s)", output, StringComparison.Ordinal);
        Assert.Single(sandbox.GitLab.Issues("acme/fail-dst"));
    }

    [Fact]
    public void Job_WhenARunHasFailedItems_FailsWithOneLinePerFailure()
    {
        var summary = new Sync.Core.Pipeline.ProductRunSummary(
            "f",
            "gitlab:acme/fail-dst",
            [
                new("move", new Sync.Core.Pipeline.StepResult(["moved x", "failed a", "failed b"], new Dictionary<string, long>()) { Failures = ["failed a: 422", "failed b: 503"] }, null, TimeSpan.Zero),
            ],
            []);

        var error = Assert.Throws<PipelineStepFailedException>(() => ProductPipelineJob.ThrowIfFailed(new ProductRun(summary, [])));

        Assert.Equal("product 'f', step 'move': failed a: 422\nproduct 'f', step 'move': failed b: 503", error.Message);
    }
}
