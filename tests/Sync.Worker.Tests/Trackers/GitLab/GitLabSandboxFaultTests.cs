using Sync.Core.Trackers;
using Sync.Sandbox;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>Faults the sandbox injects on the wire, seen through IssueSync's GitLab client.</summary>
public sealed class GitLabSandboxFaultTests
{
    [Fact]
    public async Task ListIssues_TruncatedPage_IsRefusedBeforeAnyIssueIsYielded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        for (var i = 0; i < 120; i++)
        {
            gitlab.Sandbox.GitLabDev.AddIssue(SandboxGitLab.ProjectPath, $"Filler {i}");
        }

        gitlab.Sandbox.Control.InjectFault(SandboxGitLab.Instance, new SandboxFault(SandboxFaultKind.TruncatedPage, PathContains: "/issues", Method: "GET"));
        var yielded = 0;

        var error = await Assert.ThrowsAsync<TrackerProtocolException>(async () =>
        {
            await foreach (var _ in gitlab.Client.ListIssuesAsync(SandboxGitLab.ProjectPath, new IssueQuery(), ct))
            {
                yielded++;
            }
        });

        Assert.Equal(0, yielded);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        gitlab.AssertCountsAgree();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task GetIssue_OneServerError_IsRetriedOnceAndSucceeds(int status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var issue = gitlab.Sandbox.GitLabDev.AddIssue(SandboxGitLab.ProjectPath, "Flaky");
        gitlab.ResetCounts();
        gitlab.Sandbox.Control.InjectFault(SandboxGitLab.Instance, new SandboxFault(SandboxFaultKind.ServerError, Status: status, PathContains: $"/issues/{issue.Number}"));

        var read = await gitlab.Client.GetIssueAsync(SandboxGitLab.ProjectPath, issue.Number, ct);

        Assert.Equal("Flaky", read.Title);
        Assert.Equal(2, gitlab.ServedTotal);
        gitlab.AssertCountsAgree();
    }
}
