using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

public sealed class GitLabIssueEditTests
{
    [Fact]
    public async Task Create_WithoutTitle_Answers400TitleIsMissing()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { description = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("title is missing", (await response.Json()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task CreateEditClose_AppliesLabelsAndWritesSystemNotes()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        using var client = TestSandbox.Client(server.GitLabDev);

        using var created = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "New", labels = "bug,brand-new" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var iid = (await created.Json()).GetProperty("iid").GetInt32();
        Assert.Contains(server.GitLabDev.Labels("acme/widget"), l => l.Name == "brand-new");

        time.Advance(TimeSpan.FromMinutes(5));
        using var edited = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{iid}", new { add_labels = "public", remove_labels = "bug", state_event = "close" });
        var issue = await edited.Json();

        Assert.Equal("closed", issue.GetProperty("state").GetString());
        Assert.Equal(["brand-new", "public"], issue.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList());
        Assert.Equal(TestSandbox.Start.AddMinutes(5), issue.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Equal("sandbox-bot", issue.GetProperty("closed_by").GetProperty("username").GetString());
        var notes = await client.GetJson($"projects/acme%2Fwidget/issues/{iid}/notes?sort=asc");
        Assert.Equal(["added ~\"public\" label and removed ~\"bug\" label", "closed"], notes.Strings("body"));
        Assert.All(notes.EnumerateArray(), n => Assert.True(n.GetProperty("system").GetBoolean()));
        Assert.Equal(0, issue.GetProperty("user_notes_count").GetInt32());
    }

    [Fact]
    public async Task Reopen_AndReplaceLabels()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Closed one", labels: ["a"]);
        await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { state_event = "close" })).Json();

        using var reopened = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { state_event = "reopen", labels = "x,y" });
        var json = await reopened.Json();

        Assert.Equal("opened", json.GetProperty("state").GetString());
        Assert.Equal(2, json.GetProperty("labels").GetArrayLength());
        Assert.Contains(server.GitLabDev.Notes("acme/widget", issue.Number), n => n.System && n.Body == "reopened");
    }
}
