using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests;

/// <summary>
/// The trackers' timestamp spellings: GitLab writes milliseconds (doc/api/issues.md examples, "2016-01-04T15:31:51.081Z"),
/// GitHub whole seconds (its OpenAPI examples, "2011-04-22T13:33:48Z"). The incremental cursor's step depends on it.
/// </summary>
public sealed class TimestampTests
{
    private static readonly DateTimeOffset WithMilliseconds = TestSandbox.Start.AddMilliseconds(1234.5);

    [Fact]
    public async Task IssueTimestamps_GitLabKeepMilliseconds_GitHubWholeSeconds()
    {
        await using var server = await TestSandbox.StartAsync();
        var lab = server.GitLabDev.AddIssue("acme/widget", "Timed", createdAt: WithMilliseconds);
        var hub = server.GitHub.AddIssue("acme/widget", "Timed", createdAt: WithMilliseconds);
        using var gitlab = TestSandbox.Client(server.GitLabDev);
        using var github = TestSandbox.Client(server.GitHub);

        var labIssue = await gitlab.GetJson($"projects/acme%2Fwidget/issues/{lab.Number}");
        var hubIssue = await github.GetJson($"repos/acme/widget/issues/{hub.Number}");

        Assert.Equal("2026-03-10T12:00:01.234Z", labIssue.GetProperty("created_at").GetString());
        Assert.Equal("2026-03-10T12:00:01.234Z", labIssue.GetProperty("updated_at").GetString());
        Assert.Equal("2026-03-10T12:00:01Z", hubIssue.GetProperty("created_at").GetString());
        Assert.Equal("2026-03-10T12:00:01Z", hubIssue.GetProperty("updated_at").GetString());
    }
}
