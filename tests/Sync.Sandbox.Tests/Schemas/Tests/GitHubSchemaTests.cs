using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sync.Sandbox.Tests.Schemas.Validation;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Schemas.Tests;

/// <summary>Every GitHub REST route the sandbox serves answers within GitHub's OpenAPI description (@octokit/openapi).</summary>
public sealed class GitHubSchemaTests
{
    private const string Repo = "repos/acme/widget";

    [Fact]
    public async Task EveryRoute_AnswersWithinGitHubsOpenApiDescription()
    {
        await using var server = await TestSandbox.StartAsync();
        var checker = new SchemaChecker(SchemaCatalog.Shared);
        using var client = SchemaCheckedClient.For(server.GitHub, checker);

        await Send(client, HttpMethod.Get, "user");
        await Send(client, HttpMethod.Get, Repo);
        await Send(client, HttpMethod.Get, Repo + "/issues?state=all&per_page=100");
        await Send(client, HttpMethod.Get, Repo + "/milestones?state=all");
        var milestone = await Send(client, HttpMethod.Post, Repo + "/milestones", new { title = "Schema milestone", due_on = "2026-06-30T00:00:00Z" });
        await Send(client, HttpMethod.Patch, $"{Repo}/milestones/{milestone.GetProperty("number").GetInt32()}", new { description = "Edited" });
        await Send(client, HttpMethod.Get, Repo + "/labels?per_page=100");
        await Send(client, HttpMethod.Post, Repo + "/labels", new { name = "schema-checked", color = "aa00bb", description = "made by a test" });
        await Send(client, HttpMethod.Get, Repo + "/labels/schema-checked");
        await Send(client, HttpMethod.Patch, Repo + "/labels/schema-checked", new { new_name = "schema-renamed", color = "00aa00" });
        await Send(client, HttpMethod.Post, Repo + "/labels/schema-renamed", new { new_name = "schema-final", color = "00aa11" });

        var issue = await Send(client, HttpMethod.Post, Repo + "/issues", new
        {
            title = "Schema check", body = "All fields", labels = new[] { "schema-final" }, milestone = milestone.GetProperty("number").GetInt32(),
            assignees = new[] { "sandbox-bot" },
        });
        var number = issue.GetProperty("number").GetInt32();
        await Send(client, HttpMethod.Get, $"{Repo}/issues/{number}");
        await Send(client, HttpMethod.Patch, $"{Repo}/issues/{number}", new { state = "closed", state_reason = "not_planned" });
        await Send(client, HttpMethod.Patch, $"{Repo}/issues/{number}", new { state = "open" });
        await Send(client, HttpMethod.Get, $"{Repo}/issues/{number}/labels");
        await Send(client, HttpMethod.Post, $"{Repo}/issues/{number}/labels", new { labels = new[] { "public" } });
        await Send(client, HttpMethod.Put, $"{Repo}/issues/{number}/labels", new { labels = new[] { "public", "schema-final" } });
        await Send(client, HttpMethod.Delete, $"{Repo}/issues/{number}/labels/public");

        var comment = await Send(client, HttpMethod.Post, $"{Repo}/issues/{number}/comments", new { body = "a comment" });
        var commentId = comment.GetProperty("id").GetInt64();
        await Send(client, HttpMethod.Get, $"{Repo}/issues/comments/{commentId}");
        await Send(client, HttpMethod.Patch, $"{Repo}/issues/comments/{commentId}", new { body = "an edited comment" });
        await Send(client, HttpMethod.Get, $"{Repo}/issues/{number}/comments");
        await Send(client, HttpMethod.Get, Repo + "/issues/comments?per_page=100");
        await Send(client, HttpMethod.Post, $"{Repo}/issues/{number}/reactions", new { content = "+1" });
        await Send(client, HttpMethod.Get, $"{Repo}/issues/{number}/reactions");
        await Send(client, HttpMethod.Post, $"{Repo}/issues/comments/{commentId}/reactions", new { content = "heart" });
        await Send(client, HttpMethod.Get, $"{Repo}/issues/comments/{commentId}/reactions");
        foreach (var seeded in server.GitHub.Issues("acme/widget").Take(8))
        {
            await Send(client, HttpMethod.Get, $"{Repo}/issues/{seeded.Number}/comments");
            await Send(client, HttpMethod.Get, $"{Repo}/issues/{seeded.Number}/reactions");
        }

        // The same reads by repository id, the form GitHub's page links and a transfer's 301 use.
        var byId = $"repositories/{server.GitHub.Project("acme/widget").Id}";
        foreach (var path in new[]
        {
            "", "/issues?state=all&per_page=100", $"/issues/{number}", "/labels?per_page=100", "/labels/schema-final", $"/issues/{number}/labels",
            "/milestones?state=all", "/issues/comments?per_page=100", $"/issues/{number}/comments", $"/issues/comments/{commentId}",
            $"/issues/{number}/reactions", $"/issues/comments/{commentId}/reactions",
        })
        {
            await Send(client, HttpMethod.Get, byId + path);
        }

        await Send(client, HttpMethod.Patch, $"{byId}/issues/{number}", new { title = "Schema check by id" });

        await Send(client, HttpMethod.Delete, $"{Repo}/issues/comments/{commentId}");

        // Error bodies GitHub documents for these operations: basic-error (404) and validation-error (422).
        await Send(client, HttpMethod.Get, $"{Repo}/issues/999999", expect: HttpStatusCode.NotFound);
        await Send(client, HttpMethod.Post, Repo + "/issues", new { body = "no title" }, expect: HttpStatusCode.UnprocessableEntity);
        await Send(client, HttpMethod.Post, Repo + "/labels", new { name = "public", color = "ffffff" }, expect: HttpStatusCode.UnprocessableEntity);
        await Send(client, HttpMethod.Post, $"{Repo}/issues/{number}/reactions", new { content = "thumbsup" }, expect: HttpStatusCode.UnprocessableEntity);
        await Send(client, HttpMethod.Get, "repos/acme/no-such-repo/issues", expect: HttpStatusCode.NotFound);

        checker.AssertNoFailures();
        Assert.All(
            [
                "GET /repos/:owner/:repo/issues/:number → 404", "POST /repos/:owner/:repo/issues → 422", "POST /repos/:owner/:repo/labels → 422",
                "POST /repos/:owner/:repo/issues/:number/reactions → 422", "GET /repos/:owner/:repo/issues → 404",
            ],
            error => Assert.Contains("github " + error, checker.Validated.Keys));
        Assert.Equal(
            SchemaRoutes.All.Where(r => r.Tracker == SchemaRoutes.GitHub && r.Schema.HasSchema).Select(r => r.Endpoint).Order(StringComparer.Ordinal),
            checker.Validated.Keys.Where(k => k.EndsWith(" → 200", StringComparison.Ordinal) || k.EndsWith(" → 201", StringComparison.Ordinal) || k.EndsWith(" → 204", StringComparison.Ordinal))
                .Concat(checker.Unchecked.Keys.Where(k => k.EndsWith(" → 204", StringComparison.Ordinal)))
                .Select(k => k[(SchemaRoutes.GitHub.Length + 1)..k.IndexOf(" → ", StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string url, object? body = null, HttpStatusCode? expect = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (expect is { } status)
        {
            Assert.True(response.StatusCode == status, $"{method} {url} → {(int)response.StatusCode}, expected {(int)status}: {text}");
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{method} {url} → {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
