using System.Globalization;
using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>Duplicates and page links as GitHub answers them (issue 16, items 7 and 11).</summary>
public sealed class GitHubFidelityTests
{
    private const string DuplicateQuery = """
        query($owner: String!, $name: String!, $number: Int!) {
          repository(owner: $owner, name: $name) {
            issue(number: $number) {
              timelineItems(itemTypes: [MARKED_AS_DUPLICATE_EVENT, UNMARKED_AS_DUPLICATE_EVENT], last: 1) {
                nodes { __typename ... on MarkedAsDuplicateEvent { isCrossRepository canonical { __typename ... on Issue { number repository { nameWithOwner } } } } }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task CloseAsDuplicate_WithDuplicateIssueIdOfAnotherRepository_IsReadBackAsAMarkedAsDuplicateEvent()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitHub = server.GitHub;
        using var client = TestSandbox.Client(gitHub);
        var canonical = gitHub.AddIssue("acme/widget-private", "The original");
        var duplicate = gitHub.AddIssue("acme/widget", "The copy");

        using var closed = await client.Send(HttpMethod.Patch, $"repos/acme/widget/issues/{duplicate.Number}", new { state = "closed", state_reason = "duplicate", duplicate_issue_id = canonical.Id });
        var issue = await closed.Json();
        var answer = await Query(client, gitHub, duplicate.Number);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("duplicate", issue.GetProperty("state_reason").GetString());
        Assert.Empty(gitHub.Notes("acme/widget", duplicate.Number)); // no "Duplicate of" comment
        var node = answer.GetProperty("data").GetProperty("repository").GetProperty("issue").GetProperty("timelineItems").GetProperty("nodes")[0];
        Assert.Equal("MarkedAsDuplicateEvent", node.GetProperty("__typename").GetString());
        Assert.True(node.GetProperty("isCrossRepository").GetBoolean());
        Assert.Equal("Issue", node.GetProperty("canonical").GetProperty("__typename").GetString());
        Assert.Equal(canonical.Number, node.GetProperty("canonical").GetProperty("number").GetInt32());
        Assert.Equal("acme/widget-private", node.GetProperty("canonical").GetProperty("repository").GetProperty("nameWithOwner").GetString());
    }

    [Fact]
    public async Task CloseAsDuplicate_OfAnUnknownIssueId_Answers422()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var duplicate = server.GitHub.AddIssue("acme/widget", "The copy");

        using var closed = await client.Send(HttpMethod.Patch, $"repos/acme/widget/issues/{duplicate.Number}", new { state = "closed", state_reason = "duplicate", duplicate_issue_id = 987654321 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.False(duplicate.Closed);
    }

    [Fact]
    public async Task GraphQl_UnknownRepositoryOrField_AnswersLikeGitHub()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);

        var missing = await Post(client, server.GitHub, """query { repository(owner: "acme", name: "nope") { nameWithOwner } }""");
        var unknown = await Post(client, server.GitHub, """query { repository(owner: "acme", name: "widget") { stars } }""");

        Assert.Equal(JsonValueKind.Null, missing.GetProperty("data").GetProperty("repository").ValueKind);
        Assert.Equal("NOT_FOUND", missing.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal("Field 'stars' doesn't exist on type 'Repository'", unknown.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task GraphQl_CountsAgainstTheGraphQlResource_ApartFromRestsCore()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var ct = TestContext.Current.CancellationToken;

        using var rest = await client.GetAsync("repos/acme/widget/issues", ct);
        for (var n = 0; n < 2; n++)
        {
            using var query = await client.Send(HttpMethod.Post, new Uri(server.GitHub.ApiUrl, "../graphql").ToString(), new { query = """query { repository(owner: "acme", name: "widget") { nameWithOwner } }""" });
            Assert.Equal(("graphql", (n + 1).ToString(CultureInfo.InvariantCulture)), (query.Header("x-ratelimit-resource"), query.Header("x-ratelimit-used")));
        }

        using var again = await client.GetAsync("repos/acme/widget/issues?page=1", ct);
        Assert.Equal(("core", "core", "1", "2"), (rest.Header("x-ratelimit-resource"), again.Header("x-ratelimit-resource"), rest.Header("x-ratelimit-used"), again.Header("x-ratelimit-used")));
    }

    [Fact]
    public async Task IssueListing_LinkHeader_NamesTheRepositoryById_AndThatRouteServesTheNextPage()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitHub = server.GitHub;
        using var client = TestSandbox.Client(gitHub);
        var repo = gitHub.Project("acme/widget");
        for (var n = 0; n < 3; n++)
        {
            gitHub.AddIssue("acme/widget", $"Paged {n}");
        }

        var total = gitHub.Issues("acme/widget").Count;
        server.Stats.Reset();
        using var first = await client.GetAsync("repos/acme/widget/issues?state=all&per_page=2", TestContext.Current.CancellationToken);
        var link = first.Header("Link")!;
        var next = new Uri(gitHub.ApiUrl, $"repositories/{repo.Id}/issues?state=all&page=2&per_page=2");
        using var second = await client.GetAsync(next, TestContext.Current.CancellationToken);

        Assert.Contains($"<{next}>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("/repos/", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(Math.Min(2, total - 2), (await second.Json()).GetArrayLength());
        Assert.Contains($"repositories/{repo.Id}/issues?state=all&page=1&per_page=2>; rel=\"prev\"", second.Header("Link"), StringComparison.Ordinal);
        Assert.Equal(2, server.Stats.Snapshot().For("github", "GET /repos/:owner/:repo/issues"));
    }

    private static async Task<JsonElement> Query(HttpClient client, SandboxInstance gitHub, int number) =>
        await Post(client, gitHub, DuplicateQuery, new { owner = "acme", name = "widget", number });

    private static async Task<JsonElement> Post(HttpClient client, SandboxInstance gitHub, string query, object? variables = null)
    {
        using var response = await client.Send(HttpMethod.Post, new Uri(gitHub.ApiUrl, "../graphql").ToString(), new { query, variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}
