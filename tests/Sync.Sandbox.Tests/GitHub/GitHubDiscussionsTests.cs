using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>
/// GitHub Discussions as the sandbox's GraphQL answers them: connections that need <c>first</c> (1 to 100) and page by
/// opaque cursors, NOT_FOUND errors with type and path, aliases, the three mutations a move sends, the number sequence
/// shared with issues, and faults aimed at one mutation. GitHub publishes a GraphQL schema but no JSON Schema for answers,
/// so these tests check the shapes the forum client reads.
/// </summary>
public sealed class GitHubDiscussionsTests
{
    private const string Repo = "acme/forum";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discussions_PageByOpaqueCursors_AndAConnectionWithoutFirstOrAbove100IsRefused()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);
        for (var n = 0; n < 3; n++)
        {
            hub.AddDiscussion(Repo, "ideas", $"Idea {n}", createdAt: TestSandbox.Start.AddMinutes(n));
        }

        using var client = TestSandbox.Client(hub);
        const string List = "query($cursor: String) { repository(owner: \"acme\", name: \"forum\") { discussions(first: 2, after: $cursor, orderBy: { field: CREATED_AT, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } nodes { title } } } }";

        var first = (await Post(client, hub, List)).GetProperty("data").GetProperty("repository").GetProperty("discussions");
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = (await Post(client, hub, List, new { cursor })).GetProperty("data").GetProperty("repository").GetProperty("discussions");
        var noFirst = await Post(client, hub, "query { repository(owner: \"acme\", name: \"forum\") { discussions { totalCount } } }");
        var tooMany = await Post(client, hub, "query { repository(owner: \"acme\", name: \"forum\") { discussions(first: 101) { totalCount } } }");

        Assert.Equal((3, true), (first.GetProperty("totalCount").GetInt32(), first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()));
        Assert.Equal(["Idea 0", "Idea 1"], first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()));
        Assert.Equal(["Idea 2"], second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()));
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal("You must provide a `first` or `last` value to properly paginate the `discussions` connection.", Message(noFirst));
        Assert.Equal("Requesting 101 records on the `discussions` connection exceeds the `first` limit of 100 records.", Message(tooMany));
        Assert.False(noFirst.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task MissingDiscussion_IsNullWithNotFoundTypeAndTheAliasInItsPath_WhileTheOthersAnswer()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);
        var idea = hub.AddDiscussion(Repo, "Ideas", "There");
        using var client = TestSandbox.Client(hub);

        var answer = await Post(client, hub, "query($a: Int!) { repository(owner: \"acme\", name: \"forum\") { d1: discussion(number: $a) { title upvoteCount } d999: discussion(number: 999) { title } } }", new { a = idea.Number });

        var repository = answer.GetProperty("data").GetProperty("repository");
        Assert.Equal(("There", 0), (repository.GetProperty("d1").GetProperty("title").GetString(), repository.GetProperty("d1").GetProperty("upvoteCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, repository.GetProperty("d999").ValueKind);
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal("NOT_FOUND", error.GetProperty("type").GetString());
        Assert.Equal(["repository", "d999"], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Mutations_AddACommentCloseAsDuplicateAndLock_AndRefuseABlankBodyOrAnUnknownReason()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);
        var idea = hub.AddDiscussion(Repo, "ideas", "Move me", author: "alice.martin");
        using var client = TestSandbox.Client(hub);

        var comment = await Post(client, hub, "mutation($id: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $id, body: $body }) { comment { databaseId body author { login } } } }", new { id = idea.NodeId, body = "Moved <!-- marker -->" });
        var blank = await Post(client, hub, "mutation($id: ID!) { addDiscussionComment(input: { discussionId: $id, body: \" \" }) { comment { id } } }", new { id = idea.NodeId });
        var badReason = await Post(client, hub, "mutation($id: ID!) { closeDiscussion(input: { discussionId: $id, reason: WONTFIX }) { discussion { closed } } }", new { id = idea.NodeId });
        var closed = await Post(client, hub, "mutation($id: ID!) { closeDiscussion(input: { discussionId: $id, reason: DUPLICATE }) { discussion { closed stateReason locked } } }", new { id = idea.NodeId });
        var locked = await Post(client, hub, "mutation($id: ID!) { lockLockable(input: { lockableId: $id }) { lockedRecord { __typename ... on Discussion { locked closed } } } }", new { id = idea.NodeId });
        var unknown = await Post(client, hub, "mutation { lockLockable(input: { lockableId: \"D_nope\" }) { lockedRecord { __typename } } }");

        Assert.Equal("Moved <!-- marker -->", comment.GetProperty("data").GetProperty("addDiscussionComment").GetProperty("comment").GetProperty("body").GetString());
        Assert.Equal("sandbox-bot", comment.GetProperty("data").GetProperty("addDiscussionComment").GetProperty("comment").GetProperty("author").GetProperty("login").GetString());
        Assert.Equal("UNPROCESSABLE", Assert.Single(blank.GetProperty("errors").EnumerateArray()).GetProperty("type").GetString());
        Assert.Contains("DiscussionCloseReason", Message(badReason), StringComparison.Ordinal);
        Assert.Equal("""{"closed":true,"stateReason":"DUPLICATE","locked":false}""", closed.GetProperty("data").GetProperty("closeDiscussion").GetProperty("discussion").GetRawText());
        Assert.Equal("""{"__typename":"Discussion","locked":true,"closed":true}""", locked.GetProperty("data").GetProperty("lockLockable").GetProperty("lockedRecord").GetRawText());
        Assert.Equal("NOT_FOUND", Assert.Single(unknown.GetProperty("errors").EnumerateArray()).GetProperty("type").GetString());
        Assert.Single(idea.Comments);
    }

    [Fact]
    public async Task DiscussionNumbers_ShareTheRepositorySequenceWithIssues()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);

        var issue = hub.AddIssue(Repo, "An issue");
        var discussion = hub.AddDiscussion(Repo, "ideas", "A discussion");
        var next = hub.AddIssue(Repo, "Another issue");

        Assert.Equal((issue.Number + 1, issue.Number + 2), (discussion.Number, next.Number));
    }

    [Fact]
    public async Task FaultByOperation_StrikesOnlyThatMutation_AndCountsNoOtherGraphQlRequest()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);
        var idea = hub.AddDiscussion(Repo, "ideas", "Fault me");
        using var client = TestSandbox.Client(hub);
        server.Control.InjectFault(hub.Name, new SandboxFault(SandboxFaultKind.ServerError, Status: 502, Operation: "closeDiscussion"));

        var read = await Post(client, hub, "query { repository(owner: \"acme\", name: \"forum\") { discussion(number: 1) { title } } }");
        Assert.Equal(1, server.Control.PendingFaults);
        using var close = await client.Send(HttpMethod.Post, new Uri(hub.ApiUrl, "../graphql").ToString(), new { query = "mutation($id: ID!) { closeDiscussion(input: { discussionId: $id }) { discussion { closed } } }", variables = new { id = idea.NodeId } });

        Assert.True(read.TryGetProperty("data", out _));
        Assert.Equal(HttpStatusCode.BadGateway, close.StatusCode);
        Assert.Equal(0, server.Control.PendingFaults);
        Assert.False(idea.Closed);
    }

    [Fact]
    public async Task AdminSeed_CreatesCategoriesDiscussionsCommentsRepliesVotesAndLabels_AndThePageShowsThem()
    {
        await using var server = await TestSandbox.StartAsync();
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        var body = new
        {
            instance = "github",
            repository = "acme/seeded",
            categories = new[] { new { name = "Ideas", slug = "ideas" } },
            discussions = new[]
            {
                new
                {
                    category = "ideas",
                    title = "Dark mode <script>alert(1)</script>",
                    body = "Please",
                    author = "alice.martin",
                    labels = new[] { "ux" },
                    upvoters = new[] { "bob.chen", "carla.rossi" },
                    thumbsUp = new[] { "bob.chen" },
                    comments = new[] { new { body = "Yes!", author = "dan.okafor", replies = new[] { new { body = "Agreed", author = "erin.li" } } } },
                },
            },
        };

        using var denied = await admin.Send(HttpMethod.Post, "_sandbox/discussions", body);
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", "sandbox-admin");
        using var unknownCategory = await admin.Send(HttpMethod.Post, "_sandbox/discussions", new { repository = "acme/seeded", discussions = new[] { new { category = "nope", title = "x" } } });
        using var seeded = await admin.Send(HttpMethod.Post, "_sandbox/discussions", body);
        var number = (await seeded.Json()).GetProperty("numbers")[0].GetInt32();
        var idea = server.GitHub.Discussion("acme/seeded", number);
        using var web = new HttpClient { BaseAddress = server.BaseAddress };
        var page = await web.GetStringAsync($"github/acme/seeded/discussions/{number}", Ct);
        using var missing = await web.GetAsync("github/acme/seeded/discussions/999", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.OK), (denied.StatusCode, unknownCategory.StatusCode, seeded.StatusCode));
        Assert.Equal((2, 1, 1, 1), (idea.Upvoters.Count, idea.Reactions.Count, idea.Comments.Count, idea.Comments[0].Replies.Count));
        Assert.Equal(["ux"], idea.Labels);
        Assert.Contains("Agreed", page, StringComparison.Ordinal);
        Assert.Contains("2 upvotes", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Mutations_CountAgainstTheContentLimitsSharedWithRest_QueriesDoNot()
    {
        await using var server = await TestSandbox.StartAsync();
        var hub = Seed(server.GitHub);
        var idea = hub.AddDiscussion(Repo, "ideas", "Limit me");
        server.Control.Limits.GitHubContentCreatesPerMinute = 2;
        using var client = TestSandbox.Client(hub);
        const string Reply = "mutation($id: ID!) { addDiscussionComment(input: { discussionId: $id, body: \"+1\" }) { comment { id } } }";
        var graphQl = new Uri(hub.ApiUrl, "../graphql").ToString();

        using var rest = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "REST write" });
        using var first = await client.Send(HttpMethod.Post, graphQl, new { query = Reply, variables = new { id = idea.NodeId } });
        using var second = await client.Send(HttpMethod.Post, graphQl, new { query = Reply, variables = new { id = idea.NodeId } });
        var read = await Post(client, hub, "query { repository(owner: \"acme\", name: \"forum\") { discussion(number: 1) { title } } }");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Forbidden), (rest.StatusCode, first.StatusCode, second.StatusCode));
        Assert.Contains("secondary rate limit", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(("graphql", "core"), (second.Header("x-ratelimit-resource"), rest.Header("x-ratelimit-resource")));
        Assert.True(read.TryGetProperty("data", out _));
        Assert.Single(idea.Comments);
        Assert.Equal(2, server.Stats.WriteWindows(hub.Name).Users["sandbox-bot"].Total(SandboxWriteKind.GitHubContent));
    }

    private static SandboxInstance Seed(SandboxInstance hub)
    {
        hub.CreateProject(Repo, isPrivate: false);
        hub.CreateDiscussionCategory(Repo, "Ideas");
        return hub;
    }

    private static string? Message(JsonElement answer) => answer.GetProperty("errors")[0].GetProperty("message").GetString();

    private static async Task<JsonElement> Post(HttpClient client, SandboxInstance gitHub, string query, object? variables = null)
    {
        using var response = await client.Send(HttpMethod.Post, new Uri(gitHub.ApiUrl, "../graphql").ToString(), new { query, variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}
