using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>
/// What a vote read relies on: issue listings in created order whose pages answer 304 to their own ETag for free, a
/// reaction changing only the rollup (so only its page's ETag, and no <c>since</c> listing), and the repository-wide
/// comment listing.
/// </summary>
public sealed class GitHubVoteReadTests
{
    private const string Pages = "repos/acme/votes/issues?state=open&sort=created&direction=asc&per_page=100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueList_RepeatedWithItsETag_Answers304WithItsHeadersAndCostsNoRateLimit()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        Seed(server.GitHub, 250);
        using var client = TestSandbox.Client(server.GitHub);

        using var first = await client.GetAsync(Pages + "&page=2", Ct);
        using var again = await Conditional(client, Pages + "&page=2", first.Headers.ETag!.Tag);
        using var third = await Conditional(client, Pages + "&page=2", first.Headers.ETag!.Tag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.NotModified), (first.StatusCode, again.StatusCode, third.StatusCode));
        Assert.Equal(Enumerable.Range(101, 100).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), (await first.Json()).Strings("number"));
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Header("Link"), again.Header("Link"));
        Assert.Equal(("4999", "4999", "core"), (first.Header("x-ratelimit-remaining"), third.Header("x-ratelimit-remaining"), again.Header("x-ratelimit-resource")));
    }

    [Fact]
    public async Task Reaction_ChangesOnlyTheRollupSoOnlyItsPagesETagAndNoSinceListing()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        Seed(server.GitHub, 250);
        using var client = TestSandbox.Client(server.GitHub);
        var etags = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            using var response = await client.GetAsync($"{Pages}&page={page}", Ct);
            etags.Add(response.Headers.ETag!.Tag);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        using var react = await client.Send(HttpMethod.Post, "repos/acme/votes/issues/150/reactions", new { content = "+1" });
        var statuses = new List<HttpStatusCode>();
        for (var page = 1; page <= 3; page++)
        {
            using var response = await Conditional(client, $"{Pages}&page={page}", etags[page - 1]);
            statuses.Add(response.StatusCode);
        }

        using var changed = await client.GetAsync(Pages + "&page=2", Ct);
        var issue = (await changed.Json()).EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 150);
        var since = await client.GetJson("repos/acme/votes/issues?state=all&since=2026-03-10T12:05:00Z");

        Assert.Equal(HttpStatusCode.Created, react.StatusCode);
        Assert.Equal([HttpStatusCode.NotModified, HttpStatusCode.OK, HttpStatusCode.NotModified], statuses);
        Assert.NotEqual(etags[1], changed.Headers.ETag!.Tag);
        Assert.Equal((1, 1), (issue.GetProperty("reactions").GetProperty("+1").GetInt32(), issue.GetProperty("reactions").GetProperty("total_count").GetInt32()));
        Assert.Equal("2026-03-10T11:58:20Z", issue.GetProperty("updated_at").GetString()); // its creation time
        Assert.Equal(0, since.GetArrayLength());
    }

    [Fact]
    public async Task Rollup_HasExactlyTheKeysOfGitHubsReactionRollupSchema()
    {
        await using var server = await TestSandbox.StartAsync();
        var issue = server.GitHub.AddIssue("acme/widget", "Rollup");
        var comment = server.GitHub.AddNote("acme/widget", issue.Number, "Me too", author: "alice.martin");
        using var client = TestSandbox.Client(server.GitHub);

        var onIssue = (await client.GetJson($"repos/acme/widget/issues/{issue.Number}")).GetProperty("reactions");
        var onComment = (await client.GetJson($"repos/acme/widget/issues/comments/{comment.Id}")).GetProperty("reactions");

        // @octokit/openapi, components.schemas.reaction-rollup: these ten properties, all required.
        string[] schema = ["url", "total_count", "+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"];
        Assert.Equal(schema.Order(StringComparer.Ordinal), onIssue.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(schema.Order(StringComparer.Ordinal), onComment.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.EndsWith($"/repos/acme/widget/issues/comments/{comment.Id}/reactions", onComment.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoryComments_ListEveryIssuesCommentsWithIssueUrlAndRollup_ByIdOrSorted()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var hub = server.GitHub;
        Seed(hub, 3);
        var late = hub.AddNote("acme/votes", 3, "third issue, early", author: "alice.martin", at: TestSandbox.Start.AddMinutes(1));
        var early = hub.AddNote("acme/votes", 1, "first issue, late", author: "bob.chen", at: TestSandbox.Start.AddMinutes(2));
        hub.AddAward("acme/votes", 1, "heart", "carla.rossi", noteId: early.Id);
        using var client = TestSandbox.Client(hub);

        var byId = await client.GetJson("repos/acme/votes/issues/comments");
        var created = await client.GetJson("repos/acme/votes/issues/comments?sort=created&direction=asc&per_page=1&page=2");
        var newest = await client.GetJson("repos/acme/votes/issues/comments?sort=created");

        Assert.Equal([late.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), early.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], byId.Strings("id"));
        var second = Assert.Single(created.EnumerateArray());
        Assert.Equal(early.Id, second.GetProperty("id").GetInt64());
        Assert.EndsWith("/repos/acme/votes/issues/1", second.GetProperty("issue_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, second.GetProperty("reactions").GetProperty("heart").GetInt32());
        Assert.Equal(early.Id, newest[0].GetProperty("id").GetInt64());
    }

    private static void Seed(SandboxInstance hub, int count)
    {
        hub.CreateProject("acme/votes", isPrivate: false);
        for (var n = 1; n <= count; n++)
        {
            hub.AddIssue("acme/votes", $"Issue {n}", author: "alice.martin", createdAt: TestSandbox.Start.AddSeconds(n - count));
        }
    }

    private static Task<HttpResponseMessage> Conditional(HttpClient client, string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return client.SendAsync(request, Ct);
    }
}
