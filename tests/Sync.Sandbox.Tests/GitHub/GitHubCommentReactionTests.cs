using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

public sealed class GitHubCommentReactionTests
{
    [Fact]
    public async Task Reactions_UpdateTheRollupButNotUpdatedAt()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var issue = server.GitHub.AddIssue("acme/widget", "R");
        server.GitHub.AddAward("acme/widget", issue.Number, "heart", "alice.martin");
        using var client = TestSandbox.Client(server.GitHub);

        time.Advance(TimeSpan.FromMinutes(3));
        using var plus = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/reactions", new { content = "+1" });
        using var again = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/reactions", new { content = "+1" });
        using var invalid = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/reactions", new { content = "thumbsup" });
        var json = await client.GetJson($"repos/acme/widget/issues/{issue.Number}");
        var reactions = json.GetProperty("reactions");

        Assert.Equal(HttpStatusCode.Created, plus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(2, reactions.GetProperty("total_count").GetInt32());
        Assert.Equal(1, reactions.GetProperty("+1").GetInt32());
        Assert.Equal(1, reactions.GetProperty("heart").GetInt32());
        Assert.Equal(0, reactions.GetProperty("rocket").GetInt32());
        // GitHub documents no bump of the issue for a reaction; none is assumed (docs/tracker-behaviour.md).
        Assert.Equal("2026-03-10T12:00:00Z", json.GetProperty("updated_at").GetString());
        Assert.Equal(["heart", "+1"], (await client.GetJson($"repos/acme/widget/issues/{issue.Number}/reactions")).Strings("content"));
    }

    [Fact]
    public async Task Comments_CreateEditReactDelete()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var issue = server.GitHub.AddIssue("acme/widget", "C");

        using var created = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/comments", new { body = "hello" });
        var id = (await created.Json()).GetProperty("id").GetInt64();
        using var edited = await client.Send(HttpMethod.Patch, $"repos/acme/widget/issues/comments/{id}", new { body = "edited" });
        using var reacted = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/comments/{id}/reactions", new { content = "rocket" });
        var comment = await client.GetJson($"repos/acme/widget/issues/comments/{id}");
        var count = (await client.GetJson($"repos/acme/widget/issues/{issue.Number}")).GetProperty("comments").GetInt32();
        using var deleted = await client.Send(HttpMethod.Delete, $"repos/acme/widget/issues/comments/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("edited", comment.GetProperty("body").GetString());
        Assert.Equal(1, comment.GetProperty("reactions").GetProperty("rocket").GetInt32());
        Assert.Equal(1, count);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await client.GetJson($"repos/acme/widget/issues/{issue.Number}/comments")).EnumerateArray());
    }

    [Fact]
    public async Task Repo_ReportsVisibility()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);

        var repo = await client.GetJson("repos/acme/widget-private");

        Assert.True(repo.GetProperty("private").GetBoolean());
        Assert.Equal("private", repo.GetProperty("visibility").GetString());
        Assert.Equal("acme/widget-private", repo.GetProperty("full_name").GetString());
    }
}
