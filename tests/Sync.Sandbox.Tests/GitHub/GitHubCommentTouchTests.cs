using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>
/// Assumption (docs/tracker-behaviour.md, "Incremental listing"): a comment moves its issue's <c>updated_at</c> on
/// GitHub, with no throttle like GitLab's <c>ThrottledTouch</c>.
/// </summary>
public sealed class GitHubCommentTouchTests
{
    [Fact]
    public async Task Comment_TenSecondsAfterAnUpdate_BumpsUpdatedAt_WithoutThrottle()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var issue = server.GitHub.AddIssue("acme/widget", "Commented");
        using var client = TestSandbox.Client(server.GitHub);

        time.Advance(TimeSpan.FromSeconds(10));
        using var comment = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/comments", new { body = "soon after" });
        var json = await client.GetJson($"repos/acme/widget/issues/{issue.Number}");

        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        Assert.Equal("2026-03-10T12:00:10Z", json.GetProperty("updated_at").GetString());
    }
}
