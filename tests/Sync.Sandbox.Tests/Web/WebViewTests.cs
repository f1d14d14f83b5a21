using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Web;

/// <summary>The web URLs the sandbox's API gives out lead to real pages: issues, projects, boards; unknown ones to a 404.</summary>
public sealed class WebViewTests
{
    private const string Banner = "Private project — only its members see this page";

    [Fact]
    public async Task EveryWebUrlTheApiReturnsForTheDemoSeed_AnswersAPage_WithTheBannerExactlyOnPrivateProjects()
    {
        await using var server = await TestSandbox.StartAsync();
        using var http = WebPages.Browser();
        var visited = 0;
        var privatePages = 0;
        foreach (var instance in server.Instances)
        {
            using var api = TestSandbox.Client(instance);
            foreach (var project in instance.Projects())
            {
                var urls = new List<string>();
                var isPrivate = instance.IsGitHub
                    ? (await api.GetJson($"repos/{project.Path}")).GetProperty("private").GetBoolean()
                    : (await api.GetJson($"projects/{Uri.EscapeDataString(project.Path)}")).GetProperty("visibility").GetString() == "private";
                urls.Add(instance.IsGitHub
                    ? (await api.GetJson($"repos/{project.Path}")).GetProperty("html_url").GetString()!
                    : (await api.GetJson($"projects/{Uri.EscapeDataString(project.Path)}")).GetProperty("web_url").GetString()!);
                for (var page = 1; ; page++)
                {
                    var issues = await api.GetJson(instance.IsGitHub
                        ? $"repos/{project.Path}/issues?state=all&per_page=100&page={page}"
                        : $"projects/{Uri.EscapeDataString(project.Path)}/issues?state=all&per_page=100&page={page}");
                    if (issues.GetArrayLength() == 0)
                    {
                        break;
                    }

                    urls.AddRange(issues.EnumerateArray().Select(i => i.GetProperty(instance.IsGitHub ? "html_url" : "web_url").GetString()!));
                }

                Assert.Equal(project.Issues.Count + 1, urls.Count);
                foreach (var url in urls)
                {
                    var (response, html, document) = await WebPages.GetAsync(http, url);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}");
                    Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
                    Assert.Empty(WebPages.Executable(document));
                    Assert.Equal(isPrivate, html.Contains(Banner, StringComparison.Ordinal));
                    privatePages += isPrivate ? 1 : 0;
                    visited++;
                }
            }
        }

        // The demo seed: projects on all three instances, private ones among them, and every issue and pull request.
        Assert.Equal(server.Instances.Sum(i => i.Projects().Sum(p => p.Issues.Count + 1)), visited);
        Assert.True(visited > 100, $"visited {visited}");
        Assert.True(privatePages > 50, $"private pages {privatePages}");
    }

    [Fact]
    public async Task IssuePage_ShowsStateLabelsInColourMilestoneReactionsAsTextAuthorsAndMarksInternalAndConfidential()
    {
        await using var server = await TestSandbox.StartAsync();
        var dev = server.GitLabDev;
        var milestone = dev.Project("acme/widget").Milestones[0];
        var issue = dev.AddIssue("acme/widget", "Export stalls", "It *stalls*.", ["bug"], author: "carla.rossi", confidential: true);
        lock (dev.Sync)
        {
            issue.Milestone = milestone;
            dev.Project("acme/widget").FindLabel("bug")!.Color = "D73A4A";
        }

        foreach (var voter in new[] { "alice.martin", "bob.chen", "dev.patel" })
        {
            dev.AddAward("acme/widget", issue.Number, "thumbsup", voter);
        }

        dev.AddAward("acme/widget", issue.Number, "thumbsup_tone2", "emma.schmidt");
        var note = dev.AddNote("acme/widget", issue.Number, "Customer is **Contoso**.", author: "grace.kim", isInternal: true);
        dev.AddNote("acme/widget", issue.Number, "Public reply", author: "hugo.dubois");
        dev.AddAward("acme/widget", issue.Number, "rocket", "ines.garcia", noteId: note.Id);
        using var http = WebPages.Browser();

        var (response, html, document) = await WebPages.GetAsync(http, $"{dev.WebUrl}acme/widget/-/issues/{issue.Number}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"#{issue.Number}", document.QuerySelector("h1 .number")!.TextContent);
        Assert.Equal("Open", document.QuerySelector(".state")!.TextContent);
        Assert.Equal("confidential", document.QuerySelector(".flag.confidential")!.TextContent);
        var label = document.QuerySelector(".labels .label")!;
        Assert.Equal("bug", label.TextContent);
        Assert.Equal("background:#d73a4a;color:#ffffff", label.GetAttribute("style"));
        Assert.Contains($"{milestone.Title} · due {milestone.DueDate:yyyy-MM-dd}", document.QuerySelector(".milestone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("👍 4 up, 👎 0 down", document.QuerySelector(".votes")!.TextContent);
        var reactions = document.QuerySelector(".description .reactions")!.TextContent;
        Assert.Contains("👍 3 thumbsup", reactions, StringComparison.Ordinal);
        Assert.Contains("👍🏼 1 thumbsup_tone2", reactions, StringComparison.Ordinal);
        Assert.Equal("It <em>stalls</em>.", document.QuerySelector(".description .markdown p")!.InnerHtml);

        var comments = document.QuerySelectorAll("article.comment");
        Assert.Equal(2, comments.Length);
        Assert.Contains("internal", comments[0].ClassList);
        Assert.Equal("internal note", comments[0].QuerySelector(".flag.internal")!.TextContent);
        Assert.Equal("grace.kim", comments[0].QuerySelector(".author")!.TextContent);
        Assert.Equal("<strong>Contoso</strong>", comments[0].QuerySelector(".markdown strong")!.OuterHtml);
        Assert.Contains("🚀 1 rocket", comments[0].QuerySelector(".reactions")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", comments[1].ClassList);
        Assert.Null(comments[1].QuerySelector(".flag.internal"));
        Assert.Equal("hugo.dubois", comments[1].QuerySelector(".author")!.TextContent);
        Assert.NotNull(comments[1].QuerySelector("time[datetime]"));
        Assert.Contains(Banner, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitLabProjectPage_ListsIssuesWithVotes_AndTheBoardsListsWithTheirOpenIssues()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLab;
        using var api = TestSandbox.Client(gitLab);
        using var created = await api.Send(HttpMethod.Post, "projects/acme%2Fgadget/labels", new { name = "roadmap::now", color = "#1F883D" });
        var labelId = (await created.Json()).GetProperty("id").GetInt64();
        using var board = await api.Send(HttpMethod.Post, "projects/acme%2Fgadget/boards", new { name = "Roadmap" });
        var boardId = (await board.Json()).GetProperty("id").GetInt64();
        using var list = await api.Send(HttpMethod.Post, $"projects/acme%2Fgadget/boards/{boardId}/lists", new { label_id = labelId });
        Assert.Equal(HttpStatusCode.Created, list.StatusCode);
        var now = gitLab.AddIssue("acme/gadget", "Faster search", "", ["roadmap::now"]);
        var closed = gitLab.AddIssue("acme/gadget", "Old thing", "", ["roadmap::now"]);
        using var close = await api.Send(HttpMethod.Put, $"projects/acme%2Fgadget/issues/{closed.Number}", new { state_event = "close" });
        gitLab.AddAward("acme/gadget", now.Number, "thumbsup", "alice.martin");
        gitLab.AddAward("acme/gadget", now.Number, "thumbsup_tone3", "bob.chen");
        using var http = WebPages.Browser();

        var (response, html, document) = await WebPages.GetAsync(http, $"{gitLab.WebUrl}acme/gadget");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Banner, html, StringComparison.Ordinal);
        var column = Assert.Single(document.QuerySelectorAll(".board .list"));
        Assert.Equal("roadmap::now", column.QuerySelector(".label")!.TextContent);
        var link = Assert.Single(column.QuerySelectorAll("li a"));
        Assert.Equal($"#{now.Number} Faster search", link.TextContent);
        Assert.Equal($"{gitLab.WebUrl}acme/gadget/-/issues/{now.Number}", link.GetAttribute("href"));

        var rows = document.QuerySelectorAll("table.issues tr.issue");
        Assert.Equal(gitLab.Issues("acme/gadget").Count, rows.Length);
        var row = rows.Single(r => r.QuerySelector("a")!.TextContent == "Faster search");
        Assert.Equal(now.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Children[0].TextContent);
        Assert.Equal("open", row.Children[2].TextContent);
        Assert.Equal("roadmap::now", row.Children[3].TextContent);
        Assert.Equal("👍 2 votes", row.Children[4].TextContent);
        Assert.Equal("closed", rows.Single(r => r.QuerySelector("a")!.TextContent == "Old thing").Children[2].TextContent);
    }

    [Fact]
    public async Task IssuePage_OfAnIssueMovedByGitLab_LinksToWhereItWent_AndAClosedDuplicateToItsCanonical()
    {
        await using var server = await TestSandbox.StartAsync();
        var dev = server.GitLabDev;
        using var api = TestSandbox.Client(dev);
        var issue = dev.AddIssue("acme/widget", "Move me", "body");
        using var moved = await api.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/move", new { to_project_id = dev.Project("acme/gadget-dev").Id });
        var movedTo = (await moved.Json()).GetProperty("web_url").GetString()!;
        var demo = server.DemoIssues;
        using var http = WebPages.Browser();

        var (_, _, source) = await WebPages.GetAsync(http, $"{dev.WebUrl}acme/widget/-/issues/{issue.Number}");
        var (_, _, duplicate) = await WebPages.GetAsync(http, $"{server.GitHub.WebUrl}{SandboxDemoIssues.GitHubProject}/issues/{demo.Duplicate}");

        Assert.Equal(movedTo, source.QuerySelectorAll("p.meta a")[^1].GetAttribute("href"));
        Assert.Equal("Closed", duplicate.QuerySelector(".state")!.TextContent);
        Assert.Contains("as duplicate", duplicate.QuerySelector("main > p:not(.meta)")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{server.GitHub.WebUrl}acme/widget/issues/{demo.Canonical}", duplicate.QuerySelectorAll("p.meta a")[^1].GetAttribute("href"));
    }

    [Theory]
    [InlineData("gitlab/acme/nope")]
    [InlineData("gitlab/acme/gadget/-/issues/9999")]
    [InlineData("gitlab-dev/nobody/widget/-/issues/1")]
    [InlineData("github/acme/widget/issues/9999")]
    [InlineData("github/acme/nope")]
    [InlineData("github/acme/widget/pull/1")]
    public async Task UnknownProjectOrIssue_Answers404WithAPlainPage(string path)
    {
        await using var server = await TestSandbox.StartAsync();
        using var http = WebPages.Browser();

        var (response, html, document) = await WebPages.GetAsync(http, new Uri(server.BaseAddress, path).ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("404 Not Found", document.QuerySelector("h1")!.TextContent);
        Assert.Empty(WebPages.Executable(document));
        Assert.DoesNotContain(Banner, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebViews_StayOutOfTheApi_NoTokenNoCountNoLog_AndShadowNoApiRoute()
    {
        await using var server = await TestSandbox.StartAsync();
        using var http = WebPages.Browser();
        var before = server.Stats.Snapshot();
        var mark = server.Requests.Mark();

        foreach (var url in new[] { $"{server.GitHub.WebUrl}acme/widget", $"{server.GitHub.WebUrl}acme/widget/issues/1", $"{server.GitLabDev.WebUrl}acme/widget/-/issues/1" })
        {
            using var page = await http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal(before.Total, server.Stats.Snapshot().Total);
        Assert.Empty(server.Requests.Since(mark));

        // The API prefixes are literal segments, so they win over the web patterns "/{instance}/{owner}/{project}".
        foreach (var (url, tracker) in new[]
        {
            ($"{server.GitLab.WebUrl}api/v4", "GitLab"), ($"{server.GitHub.WebUrl}api/v3", "GitHub"),
            ($"{server.GitLab.WebUrl}api/v4/projects", "GitLab"), (new Uri(server.BaseAddress, "api/v3/repos/acme/widget").ToString(), "GitHub"),
        })
        {
            using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{url} ({tracker}) → {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }

        using var api = TestSandbox.Client(server.GitLabDev);
        Assert.Equal("acme/widget", (await api.GetJson("projects/acme%2Fwidget")).GetProperty("path_with_namespace").GetString());
    }
}
