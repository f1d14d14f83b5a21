using System.Text;
using System.Text.Json.Nodes;
using Sync.Sandbox.Tests.Schemas.Validation;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Schemas.Tests;

/// <summary>The harness itself: a broken answer is reported with its route, JSON pointer and rule.</summary>
public sealed class SchemaCheckerTests
{
    [Fact]
    public async Task Check_WhenAGitLabIssueLacksARequiredField_NamesRoutePointerAndRule()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = JsonNode.Parse((await client.GetJson("projects/acme%2Fwidget/issues/1")).GetRawText())!.AsObject();
        issue.Remove("web_url");
        issue["author"]!.AsObject().Remove("username");
        var checker = new SchemaChecker(SchemaCatalog.Shared);

        checker.Check("GET", new Uri(server.GitLabDev.ApiUrl, "projects/acme%2Fwidget/issues/1"), 200, "application/json", Encoding.UTF8.GetBytes(issue.ToJsonString()));

        Assert.Equal(2, checker.Failures.Count);
        Assert.Contains(checker.Failures, f => f.StartsWith("gitlab GET /projects/:id/issues/:iid → 200 (gitlab:issue.json):  required:", StringComparison.Ordinal) && f.Contains("web_url", StringComparison.Ordinal));
        Assert.Contains(checker.Failures, f => f.Contains(": /author required:", StringComparison.Ordinal) && f.Contains("username", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WhenAGitHubIssueHasAWrongType_NamesOperationPointerAndRule()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var issues = JsonNode.Parse((await client.GetJson("repos/acme/widget/issues")).GetRawText())!.AsArray();
        issues[0]!["number"] = "one";
        issues[1]!["milestone"] = null;
        var checker = new SchemaChecker(SchemaCatalog.Shared);

        checker.Check("GET", new Uri(server.GitHub.ApiUrl, "repos/acme/widget/issues"), 200, "application/json", Encoding.UTF8.GetBytes(issues.ToJsonString()));

        // "milestone" is nullable in OpenAPI 3.0 terms (nullable-milestone): null is allowed once translated.
        var failure = Assert.Single(checker.Failures);
        Assert.StartsWith("github GET /repos/:owner/:repo/issues → 200 (get /repos/{owner}/{repo}/issues → 200): /0/number type:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenAnOperationDocumentsNoBody_RefusesOne()
    {
        var checker = new SchemaChecker(SchemaCatalog.Shared);

        checker.Check("DELETE", new Uri("http://127.0.0.1/github/api/v3/repos/acme/widget/issues/comments/5"), 204, "application/json", "{}"u8.ToArray());

        Assert.Contains("the schema documents no body for 204", Assert.Single(checker.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenNoRouteMatches_SaysSo()
    {
        var checker = new SchemaChecker(SchemaCatalog.Shared);

        checker.Check("PATCH", new Uri("http://127.0.0.1/gitlab/api/v4/projects/1/issues"), 200, "application/json", "{}"u8.ToArray());

        Assert.Equal("gitlab PATCH /projects/1/issues → 200: no route in SchemaRoutes matches this request", Assert.Single(checker.Failures));
    }

    [Fact]
    public void Check_WhenAnUnknownGitHubPathAnswers404_HoldsTheBodyToBasicError_AndLeavesGitLabsUnchecked()
    {
        var checker = new SchemaChecker(SchemaCatalog.Shared);

        checker.Check("GET", new Uri("http://127.0.0.1/github/api/v3/nowhere"), 404, "application/json", """{"message":7}"""u8.ToArray());
        checker.Check("GET", new Uri("http://127.0.0.1/gitlab/api/v4/nowhere"), 404, "application/json", """{"message":"404 Not Found"}"""u8.ToArray());

        Assert.StartsWith("github GET (unknown path) → 404 (get /repos/{owner}/{repo}/issues/{issue_number} → 404): /message type:", Assert.Single(checker.Failures), StringComparison.Ordinal);
        Assert.Equal(1, checker.Unchecked["gitlab GET (unknown path) → 404"]);
    }
}
