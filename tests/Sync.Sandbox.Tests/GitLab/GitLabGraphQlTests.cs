using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>
/// POST /api/graphql on a GitLab instance: the vote-signal query subset, GitLab's limits (page size 100, complexity
/// 250 for an authenticated request, computed as app/graphql/types/base_field.rb and GitLab's vendored graphql-ruby
/// do) and GitLab's error shape (HTTP 200 with an errors array).
/// </summary>
public sealed class GitLabGraphQlTests
{
    private const string Votes = """
        query($path: ID!, $first: Int!, $after: String, $awards: Int!) {
          project(fullPath: $path) {
            issues(state: opened, first: $first, after: $after, sort: CREATED_ASC) {
              pageInfo { hasNextPage endCursor }
              nodes { iid title author { id username } awardEmoji(first: $awards) { pageInfo { hasNextPage } nodes { name } } }
            }
          }
        }
        """;

    [Fact]
    public async Task VoteQuery_AnswersOpenIssuesInCreatedOrder_WithAwardNamesAndAuthors()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/votes", isPrivate: false, "Votes");
        var first = gl.AddIssue("acme/votes", "First", author: "alice.martin");
        var closed = gl.AddIssue("acme/votes", "Closed");
        gl.AddIssue("acme/votes", "Third");
        gl.AddAward("acme/votes", first.Number, "thumbsup", "bob.chen");
        gl.AddAward("acme/votes", first.Number, "heart", "bob.chen");
        gl.Issue("acme/votes", closed.Number).Closed = true;
        using var client = Graph(gl);

        var data = (await Post(client, Votes, new { path = "acme/votes", first = 17, awards = 3 })).GetProperty("data");

        var issues = data.GetProperty("project").GetProperty("issues");
        var nodes = issues.GetProperty("nodes");
        Assert.Equal(["1", "3"], nodes.Strings("iid"));
        Assert.Equal("First", nodes[0].GetProperty("title").GetString());
        Assert.Equal("alice.martin", nodes[0].GetProperty("author").GetProperty("username").GetString());
        Assert.StartsWith("gid://gitlab/User/", nodes[0].GetProperty("author").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(["thumbsup", "heart"], nodes[0].GetProperty("awardEmoji").GetProperty("nodes").Strings("name"));
        Assert.False(nodes[0].GetProperty("awardEmoji").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(issues.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task VoteQuery_PagesThroughEndCursor_WithoutRepeatOrGap()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/votes", isPrivate: false, "Votes");
        for (var n = 0; n < 5; n++)
        {
            gl.AddIssue("acme/votes", $"Issue {n}");
        }

        using var client = Graph(gl);
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var issues = (await Post(client, Votes, new { path = "acme/votes", first = 2, after, awards = 3 })).GetProperty("data").GetProperty("project").GetProperty("issues");
            seen.AddRange(issues.GetProperty("nodes").Strings("iid"));
            pages++;
            after = issues.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? issues.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.Equal(["1", "2", "3", "4", "5"], seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData(17, 3, null)] // 246
    [InlineData(18, 3, 262)]
    [InlineData(20, 1, null)] // 248
    [InlineData(21, 1, 262)]
    public async Task Complexity_AboveTheAuthenticatedLimitOf250_IsRefusedWithGitLabsMessage(int first, int awards, int? refusedAt)
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev);

        var answer = await Post(client, Votes, new { path = "acme/widget", first, awards });

        if (refusedAt is { } complexity)
        {
            Assert.False(answer.TryGetProperty("data", out _));
            Assert.Equal($"Query has complexity of {complexity}, which exceeds max complexity of 250", answer.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        else
        {
            Assert.False(answer.TryGetProperty("errors", out _));
        }
    }

    [Fact]
    public async Task Complexity_ListingByIids_HasNoPerItemSurcharge()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev);
        const string byIids = """
            query($iids: [String!], $first: Int!) { project(fullPath: "acme/widget") { issues(iids: $iids, first: $first, sort: CREATED_ASC) {
              pageInfo { hasNextPage endCursor }
              nodes { iid title author { id username } awardEmoji(first: 3) { pageInfo { hasNextPage } nodes { name } } } } } }
            """;

        var twenty = await Post(client, byIids, new { iids = Enumerable.Range(1, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), first = 20 });
        var more = await Post(client, byIids, new { iids = Enumerable.Range(1, 21).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), first = 21 });

        Assert.Equal(20, twenty.GetProperty("data").GetProperty("project").GetProperty("issues").GetProperty("nodes").GetArrayLength());
        Assert.Equal("Query has complexity of 259, which exceeds max complexity of 250", more.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(6, 273)]
    public async Task NotesQuery_AnswersCommentAwards_AndItsComplexityIsCountedPerNoteAndIssue(int issues, int? refusedAt)
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/notes", isPrivate: false, "Notes");
        var issue = gl.AddIssue("acme/notes", "Discussed");
        var comment = gl.AddNote("acme/notes", issue.Number, "Me too");
        gl.AddNote("acme/notes", issue.Number, "changed the description", system: true);
        gl.AddAward("acme/notes", issue.Number, "thumbsup", "carol.diaz", noteId: comment.Id);
        using var client = Graph(gl);
        const string notes = """
            query($iids: [String!], $first: Int!) { project(fullPath: "acme/notes") { issues(iids: $iids, first: $first) { nodes { iid
              notes(first: 5) { pageInfo { hasNextPage } nodes { id awardEmoji(first: 3) { pageInfo { hasNextPage } nodes { name } } } } } } } }
            """;

        var answer = await Post(client, notes, new { iids = Enumerable.Range(1, issues).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), first = issues });

        if (refusedAt is { } complexity)
        {
            Assert.Equal($"Query has complexity of {complexity}, which exceeds max complexity of 250", answer.GetProperty("errors")[0].GetProperty("message").GetString());
            return;
        }

        var node = Assert.Single(answer.GetProperty("data").GetProperty("project").GetProperty("issues").GetProperty("nodes").EnumerateArray());
        var notesOfIssue = node.GetProperty("notes").GetProperty("nodes");
        Assert.Equal(2, notesOfIssue.GetArrayLength()); // the system note too: Issue.notes takes no filter
        Assert.Equal($"gid://gitlab/Note/{comment.Id}", notesOfIssue[0].GetProperty("id").GetString());
        Assert.Equal(["thumbsup"], notesOfIssue[0].GetProperty("awardEmoji").GetProperty("nodes").Strings("name"));
        Assert.Equal(0, notesOfIssue[1].GetProperty("awardEmoji").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task AwardPage_FirstAbove100_IsCappedAt100AndAnnouncesMore()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        var issue = gl.AddIssue("acme/widget", "Popular");
        const int given = 120;
        for (var n = 0; n < given; n++)
        {
            gl.AddAward("acme/widget", issue.Number, "thumbsup", $"voter{n}");
        }

        using var client = Graph(gl);
        var query = $$"""{ project(fullPath: "acme/widget") { issues(iids: ["{{issue.Number}}"], first: 1) { nodes { awardEmoji(first: 150) { pageInfo { hasNextPage } nodes { name } } } } } }""";

        var awards = (await Post(client, query, new { })).GetProperty("data").GetProperty("project").GetProperty("issues").GetProperty("nodes")[0].GetProperty("awardEmoji");

        Assert.Equal(100, awards.GetProperty("nodes").GetArrayLength());
        Assert.True(awards.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("{ project(fullPath: \"acme/widget\") { issues(first: 1) { nodes { awardEmoji { nodes { name createdAt } } } } } }", "Field 'createdAt' doesn't exist on type 'AwardEmoji'")]
    [InlineData("{ project(fullPath: \"acme/widget\") { issues(first: 1) { nodes { awardEmoji { count } } } } }", "Field 'count' doesn't exist on type 'AwardEmojiConnection'")]
    [InlineData("{ project(fullPath: \"acme/widget\") { issues(first: 1, colour: red) { nodes { iid } } } }", "Field 'issues' doesn't accept argument 'colour'")]
    [InlineData("{ project(fullPath: \"acme/widget\") { issues(first: 1) { nodes { author } } } }", "Field must have selections")]
    [InlineData("mutation { awardEmojiAdd(input: {}) { errors } }", "the sandbox serves queries only")]
    [InlineData("{ project(fullPath: \"acme/widget\") { issues(first: 1) { nodes { iid } }", "Parse error")]
    public async Task UnknownOrMalformed_IsAnErrorNotIgnored(string query, string message)
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev);

        var answer = await Post(client, query, new { });

        Assert.False(answer.TryGetProperty("data", out _));
        Assert.Contains(message, answer.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProject_AnswersProjectNull()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev);

        var answer = await Post(client, Votes, new { path = "acme/nowhere", first = 1, awards = 1 });

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("data").GetProperty("project").ValueKind);
    }

    [Fact]
    public async Task WithoutToken_IsRefusedLikeTheRestApi()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Graph(server.GitLabDev, token: "wrong");

        using var response = await client.Send(HttpMethod.Post, "../graphql", new { query = Votes, variables = new { path = "acme/widget", first = 1, awards = 1 } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GraphQl_CountsAgainstTheAuthenticatedApiThrottle_LikeRest()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.Limits.GitLabPerMinute = 2;
        using var client = Graph(server.GitLabDev);

        using var rest = await client.Send(HttpMethod.Get, "projects/acme%2Fwidget/labels");
        using var graph = await client.Send(HttpMethod.Post, "../graphql", new { query = Votes, variables = new { path = "acme/widget", first = 1, awards = 1 } });
        using var refused = await client.Send(HttpMethod.Post, "../graphql", new { query = Votes, variables = new { path = "acme/widget", first = 1, awards = 1 } });

        Assert.Equal(HttpStatusCode.OK, graph.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Header("Retry-After"));
    }

    private static HttpClient Graph(SandboxInstance instance, string? token = null) => TestSandbox.Client(instance, token);

    private static async Task<JsonElement> Post(HttpClient client, string query, object variables)
    {
        using var response = await client.Send(HttpMethod.Post, "../graphql", new { query, variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}
