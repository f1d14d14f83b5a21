using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

public sealed class GitLabIssueListTests
{
    private static async Task<SandboxServer> StartWithFiveIssues()
    {
        var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("team/list", isPrivate: true);
        for (var n = 1; n <= 5; n++)
        {
            var issue = gl.AddIssue("team/list", $"Issue {n}", labels: n % 2 == 1 ? ["public", "bug"] : ["bug"], createdAt: TestSandbox.Start.AddDays(-10 + n));
            lock (gl.Sync)
            {
                // Updated order is the reverse of created order, so the two sort keys are distinguishable.
                issue.UpdatedAt = TestSandbox.Start.AddHours(-n);
                issue.Closed = n == 5;
            }
        }

        return server;
    }

    [Fact]
    public async Task List_FiltersByStateAndAllLabels()
    {
        await using var server = await StartWithFiveIssues();
        using var client = TestSandbox.Client(server.GitLabDev);

        var opened = await client.GetJson("projects/team%2Flist/issues?state=opened&labels=public,bug");
        var closed = await client.GetJson("projects/team%2Flist/issues?state=closed");

        Assert.Equal(["3", "1"], opened.Strings("iid"));
        Assert.Equal(["5"], closed.Strings("iid"));
        Assert.All(opened.EnumerateArray(), i => Assert.Equal("opened", i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task List_UpdatedAfterIsInclusive()
    {
        await using var server = await StartWithFiveIssues();
        using var client = TestSandbox.Client(server.GitLabDev);
        var boundary = Uri.EscapeDataString(TestSandbox.Start.AddHours(-3).ToString("O"));

        var list = await client.GetJson($"projects/team%2Flist/issues?updated_after={boundary}&order_by=updated_at&sort=asc");

        Assert.Equal(["3", "2", "1"], list.Strings("iid"));
    }

    [Fact]
    public async Task List_OrdersByCreatedDescendingByDefault_AndAscendingOnRequest()
    {
        await using var server = await StartWithFiveIssues();
        using var client = TestSandbox.Client(server.GitLabDev);

        Assert.Equal(["5", "4", "3", "2", "1"], (await client.GetJson("projects/team%2flist/issues")).Strings("iid"));
        Assert.Equal(["1", "2", "3", "4", "5"], (await client.GetJson("projects/team%2Flist/issues?sort=asc")).Strings("iid"));
        Assert.Equal(["5", "4", "3", "2", "1"], (await client.GetJson("projects/team%2Flist/issues?order_by=updated_at&sort=asc")).Strings("iid"));
    }

    [Fact]
    public async Task List_PagingHeaders_NextPageEmptyOnLastPage()
    {
        await using var server = await StartWithFiveIssues();
        using var client = TestSandbox.Client(server.GitLabDev);
        var projectId = server.GitLabDev.Project("team/list").Id;
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync($"projects/{projectId}/issues?per_page=2", ct);
        using var last = await client.GetAsync($"projects/{projectId}/issues?per_page=2&page=3", ct);

        Assert.Equal("2", first.Header("x-next-page"));
        Assert.Equal("", first.Header("x-prev-page"));
        Assert.Equal("5", first.Header("x-total"));
        Assert.Equal("3", first.Header("x-total-pages"));
        Assert.Contains("page=2&per_page=2>; rel=\"next\"", first.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("page=3&per_page=2>; rel=\"last\"", first.Header("Link"), StringComparison.Ordinal);
        Assert.Equal("", last.Header("x-next-page"));
        Assert.Equal("2", last.Header("x-prev-page"));
        Assert.DoesNotContain("rel=\"next\"", last.Header("Link"), StringComparison.Ordinal);
        Assert.Single((await last.Json()).EnumerateArray());
    }

    [Fact]
    public async Task List_PerPageAbove100_IsCappedAt100()
    {
        await using var server = await TestSandbox.StartAsync(issues: 150);
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.GetAsync("projects/acme%2Fbulk/issues?per_page=500", TestContext.Current.CancellationToken);

        // Kaminari's max_per_page (config/initializers/kaminari_config.rb) caps the page, and x-per-page says so.
        Assert.Equal(100, (await response.Json()).GetArrayLength());
        Assert.Equal("100", response.Header("x-per-page"));
        Assert.Equal("2", response.Header("x-total-pages"));
        Assert.Contains("page=2&per_page=100>; rel=\"next\"", response.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_HasDocumentedFieldsAndWebUrl()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        var issue = await client.GetJson("projects/acme%2Fwidget/issues/7");

        foreach (var field in new[] { "id", "iid", "project_id", "description", "closed_by", "milestone", "assignees", "author", "type", "user_notes_count",
            "upvotes", "downvotes", "confidential", "discussion_locked", "time_stats", "task_completion_status", "_links", "references", "moved_to_id",
            "service_desk_reply_to", "epic_iid", "health_status", "severity", "iteration", "has_tasks" })
        {
            Assert.True(issue.TryGetProperty(field, out _), field);
        }

        Assert.False(issue.TryGetProperty("weight", out _), "weight is a Premium field, absent on Free");

        Assert.Equal(new Uri(server.BaseAddress, "gitlab-dev/acme/widget/-/issues/7").ToString(), issue.GetProperty("web_url").GetString());
        Assert.Equal("ISSUE", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownProject_Answers404ProjectNotFound()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.GetAsync("projects/acme%2Fnope/issues", TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("404 Project Not Found", (await response.Json()).GetProperty("message").GetString());
    }
}
