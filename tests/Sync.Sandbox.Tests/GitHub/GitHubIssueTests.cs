using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

public sealed class GitHubIssueTests
{
    [Fact]
    public async Task List_IncludesPullRequests_AndHasNoLinkHeaderOnOnePage()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);

        using var response = await client.GetAsync("repos/acme/widget/issues?state=all&per_page=100", TestContext.Current.CancellationToken);
        var issues = await response.Json();

        Assert.Null(response.Header("Link"));
        Assert.Equal(26, issues.GetArrayLength()); // 15 generated issues, 2 pull requests, the showcase's duplicate pair, its 4 shipped v2.3 issues and 3 new requests
        Assert.Equal(2, issues.EnumerateArray().Count(i => i.TryGetProperty("pull_request", out _)));
        var first = issues[0];
        Assert.Equal(new Uri(server.BaseAddress, $"github/acme/widget/{(first.TryGetProperty("pull_request", out _) ? "pull" : "issues")}/{first.GetProperty("number")}").ToString(),
            first.GetProperty("html_url").GetString());
        Assert.StartsWith(server.GitHub.ApiUrl.ToString(), first.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SinceFiltersOnUpdatedAt_AndPagesWithLink()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        gh.CreateProject("team/repo", isPrivate: false);
        for (var n = 1; n <= 3; n++)
        {
            gh.AddIssue("team/repo", $"I{n}", createdAt: TestSandbox.Start.AddDays(-n));
        }

        using var client = TestSandbox.Client(gh);
        var since = Uri.EscapeDataString(TestSandbox.Start.AddDays(-2).ToString("yyyy-MM-ddTHH:mm:ssZ"));

        var recent = await client.GetJson($"repos/team/repo/issues?since={since}");
        using var paged = await client.GetAsync("repos/team/repo/issues?per_page=2", TestContext.Current.CancellationToken);

        Assert.Equal(["1", "2"], recent.Strings("number"));
        Assert.Contains("page=2&per_page=2>; rel=\"next\"", paged.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"last\"", paged.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ETag_IfNoneMatchAnswers304_AndIsNotCharged()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("repos/acme/widget/issues", ct);
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "repos/acme/widget/issues");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal("4999", first.Header("x-ratelimit-remaining"));
        Assert.Equal("4999", second.Header("x-ratelimit-remaining"));
        Assert.Equal(2, server.Stats.Snapshot().For("github", "GET /repos/:owner/:repo/issues"));
    }

    [Fact]
    public async Task Create_WithoutTitle_Answers422ValidationFailed()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);

        using var response = await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { body = "no title" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", (await response.Json()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_WithInvalidJson_Answers400ProblemsParsingJson_AndCreatesNothing()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var before = server.GitHub.Issues("acme/widget").Count;
        using var content = new StringContent("{\"title\": \"cut", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("repos/acme/widget/issues", content, TestContext.Current.CancellationToken);

        // "Troubleshooting the REST API", Problems parsing JSON: 400 with that message.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Problems parsing JSON", (await response.Json()).GetProperty("message").GetString());
        Assert.Equal(before, server.GitHub.Issues("acme/widget").Count);
    }

    [Fact]
    public async Task Milestones_DuplicateTitleIs422AlreadyExists_AndTheListDefaultsToOpen()
    {
        await using var server = await TestSandbox.StartAsync();
        server.GitHub.CreateProject("team/milestones", isPrivate: false);
        using var client = TestSandbox.Client(server.GitHub);

        using var open = await client.Send(HttpMethod.Post, "repos/team/milestones/milestones", new { title = "v1", due_on = "2026-06-01T00:00:00Z" });
        using var closed = await client.Send(HttpMethod.Post, "repos/team/milestones/milestones", new { title = "v0", state = "closed" });
        using var duplicate = await client.Send(HttpMethod.Post, "repos/team/milestones/milestones", new { title = "v1" });
        var listed = await client.GetJson("repos/team/milestones/milestones");
        var all = await client.GetJson("repos/team/milestones/milestones?state=all");

        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal("already_exists", (await duplicate.Json()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(["v1"], listed.Strings("title"));
        Assert.Equal(["v1", "v0"], all.Strings("title"));
    }

    [Fact]
    public async Task Milestones_UpdateStateClosed_ClosesItWithClosedAt_OpenReopens_UnknownIs404()
    {
        await using var server = await TestSandbox.StartAsync();
        server.GitHub.CreateProject("team/closing", isPrivate: false);
        using var client = TestSandbox.Client(server.GitHub);
        using var created = await client.Send(HttpMethod.Post, "repos/team/closing/milestones", new { title = "v1" });
        var number = (await created.Json()).GetProperty("number").GetInt32();

        using var closed = await client.Send(HttpMethod.Patch, $"repos/team/closing/milestones/{number}", new { state = "closed" });
        var open = await client.GetJson("repos/team/closing/milestones");
        var closedList = await client.GetJson("repos/team/closing/milestones?state=closed");
        using var reopened = await client.Send(HttpMethod.Patch, $"repos/team/closing/milestones/{number}", new { state = "open" });
        using var unknown = await client.Send(HttpMethod.Patch, "repos/team/closing/milestones/99", new { state = "closed" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var body = await closed.Json();
        Assert.Equal("closed", body.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, body.GetProperty("closed_at").ValueKind);
        Assert.Empty(open.Strings("title"));
        Assert.Equal(["v1"], closedList.Strings("title"));
        Assert.Equal("open", (await reopened.Json()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task CreateAndClose_WithStateReason_CreatesMissingLabels()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        using var client = TestSandbox.Client(server.GitHub);

        using var created = await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "T", body = "B", labels = new[] { "fresh" } });
        var number = (await created.Json()).GetProperty("number").GetInt32();
        time.Advance(TimeSpan.FromMinutes(1));
        using var closed = await client.Send(HttpMethod.Patch, $"repos/acme/widget/issues/{number}", new { state = "closed", state_reason = "not_planned" });
        var issue = await closed.Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("closed", issue.GetProperty("state").GetString());
        Assert.Equal("not_planned", issue.GetProperty("state_reason").GetString());
        Assert.Equal("2026-03-10T12:01:00Z", issue.GetProperty("closed_at").GetString());
        Assert.Equal("ededed", issue.GetProperty("labels")[0].GetProperty("color").GetString());
    }

    [Fact]
    public async Task Labels_DuplicateIs422_AndRemovingAbsentLabelIs404()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        var issue = server.GitHub.AddIssue("acme/widget", "L", labels: ["bug"]);

        using var first = await client.Send(HttpMethod.Post, "repos/acme/widget/labels", new { name = "triage", color = "ff0000" });
        using var duplicate = await client.Send(HttpMethod.Post, "repos/acme/widget/labels", new { name = "triage", color = "00ff00" });
        using var added = await client.Send(HttpMethod.Post, $"repos/acme/widget/issues/{issue.Number}/labels", new { labels = new[] { "triage" } });
        using var removed = await client.Send(HttpMethod.Delete, $"repos/acme/widget/issues/{issue.Number}/labels/bug");
        using var absent = await client.Send(HttpMethod.Delete, $"repos/acme/widget/issues/{issue.Number}/labels/bug");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal("already_exists", (await duplicate.Json()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(["bug", "triage"], (await added.Json()).Strings("name"));
        Assert.Equal(["triage"], (await removed.Json()).Strings("name"));
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }
}
