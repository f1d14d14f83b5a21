using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>
/// GitLab GraphQL's award page read backwards (<c>awardEmoji(last:, before:)</c>, <c>hasPreviousPage</c>), the
/// issue's thumbs counts, and how <c>last</c> counts in the query complexity (see docs/tracker-behaviour.md).
/// </summary>
public sealed class GitLabGraphQlNewestAwardTests
{
    private const string NewestAwards = """
        query($path: ID!, $first: Int!, $awards: Int!, $before: String) {
          project(fullPath: $path) {
            issues(state: opened, first: $first, sort: CREATED_ASC) {
              pageInfo { hasNextPage endCursor }
              nodes { iid title author { id username } upvotes downvotes
                awardEmoji(last: $awards, before: $before) { pageInfo { hasPreviousPage hasNextPage startCursor endCursor } nodes { name } } }
            }
          }
        }
        """;

    [Fact]
    public async Task AwardEmojiLast_ServesTheNewestAwardsInIdOrder_AndBeforePagesBackwards()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/votes", isPrivate: false, "Votes");
        var issue = gl.AddIssue("acme/votes", "Popular");
        foreach (var (name, user) in new[] { ("thumbsup", "ann"), ("heart", "ann"), ("thumbsup", "bob"), ("thumbsdown", "cy"), ("rocket", "dee") })
        {
            gl.AddAward("acme/votes", issue.Number, name, user);
        }

        using var client = Graph(gl);
        var newest = Awards(await Post(client, NewestAwards, new { path = "acme/votes", first = 1, awards = 2 }));
        var older = Awards(await Post(client, NewestAwards, new { path = "acme/votes", first = 1, awards = 2, before = newest.GetProperty("pageInfo").GetProperty("startCursor").GetString() }));
        var all = Awards(await Post(client, NewestAwards, new { path = "acme/votes", first = 1, awards = 5 }));

        Assert.Equal(["thumbsdown", "rocket"], newest.GetProperty("nodes").Strings("name"));
        Assert.True(newest.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.False(newest.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(["heart", "thumbsup"], older.GetProperty("nodes").Strings("name"));
        Assert.True(older.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.True(older.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(["thumbsup", "heart", "thumbsup", "thumbsdown", "rocket"], all.GetProperty("nodes").Strings("name"));
        Assert.False(all.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(newest.GetProperty("pageInfo").GetProperty("endCursor").GetString(), all.GetProperty("pageInfo").GetProperty("endCursor").GetString());
    }

    [Fact]
    public async Task UpvotesAndDownvotes_CountOnlyThePlainThumbs()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/votes", isPrivate: false, "Votes");
        var issue = gl.AddIssue("acme/votes", "Popular");
        gl.AddAward("acme/votes", issue.Number, "thumbsup", "ann");
        gl.AddAward("acme/votes", issue.Number, "thumbsup_tone2", "bob");
        gl.AddAward("acme/votes", issue.Number, "thumbsdown", "cy");
        using var client = Graph(gl);

        var node = (await Post(client, NewestAwards, new { path = "acme/votes", first = 1, awards = 1 }))
            .GetProperty("data").GetProperty("project").GetProperty("issues").GetProperty("nodes")[0];

        Assert.Equal(1, node.GetProperty("upvotes").GetInt32());
        Assert.Equal(1, node.GetProperty("downvotes").GetInt32());
    }

    [Theory]
    [InlineData(16, 1, null)] // ⌊(16 × 13 + 6) × 1.16⌋ + 1 = 249: the client's page (last: 1 counts one award per issue)
    [InlineData(17, 1, 266)]
    [InlineData(2, 100, null)] // 235
    [InlineData(3, 100, 353)] // last: 100 counts 100 awards per issue, as first: 100 would
    public async Task Complexity_LastCountsAsThePageSize_AndUpvotesDownvotesOneEach(int first, int awards, int? refusedAt)
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev);
        const string query = """
            query($path: ID!, $first: Int!, $awards: Int!) { project(fullPath: $path) { issues(state: opened, first: $first, sort: CREATED_ASC) {
              pageInfo { hasNextPage endCursor }
              nodes { iid title author { id username } upvotes downvotes awardEmoji(last: $awards) { pageInfo { hasPreviousPage endCursor } nodes { name } } } } } }
            """;

        var answer = await Post(client, query, new { path = "acme/widget", first, awards });

        if (refusedAt is { } complexity)
        {
            Assert.Equal($"Query has complexity of {complexity}, which exceeds max complexity of 250", answer.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        else
        {
            Assert.False(answer.TryGetProperty("errors", out _));
        }
    }

    private static JsonElement Awards(JsonElement answer) =>
        answer.GetProperty("data").GetProperty("project").GetProperty("issues").GetProperty("nodes")[0].GetProperty("awardEmoji");

    private static HttpClient Graph(SandboxInstance instance) => TestSandbox.Client(instance, null);

    private static async Task<JsonElement> Post(HttpClient client, string query, object variables)
    {
        using var response = await client.Send(HttpMethod.Post, "../graphql", new { query, variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}
