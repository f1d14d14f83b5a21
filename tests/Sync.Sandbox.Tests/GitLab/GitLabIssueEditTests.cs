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
    public async Task CreateEditClose_AppliesLabelsAndState_WithoutSystemNotes()
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
        // Label and state changes are resource events (resource_label_events, resource_state_events), not notes.
        var notes = await client.GetJson($"projects/acme%2Fwidget/issues/{iid}/notes?sort=asc");
        Assert.Equal(0, notes.GetArrayLength());
        Assert.Equal(0, issue.GetProperty("user_notes_count").GetInt32());
    }

    [Fact]
    public async Task Reopen_AndReplaceLabels_WritesNoNote()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Closed one", labels: ["a"]);
        await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { state_event = "close" })).Json();

        using var reopened = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { state_event = "reopen", labels = "x,y" });
        var json = await reopened.Json();

        Assert.Equal("opened", json.GetProperty("state").GetString());
        Assert.Equal(2, json.GetProperty("labels").GetArrayLength());
        Assert.Empty(server.GitLabDev.Notes("acme/widget", issue.Number));
    }

    [Fact]
    public async Task Edit_MilestoneChange_WritesNoNoteButMovesUpdatedAt_WhileATitleChangeWritesOne()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Plain");
        var milestone = (await client.GetJson("projects/acme%2Fwidget/milestones")).EnumerateArray().First().GetProperty("id").GetInt64();

        time.Advance(TimeSpan.FromMinutes(3));
        var edited = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { milestone_id = milestone })).Json();
        Assert.Equal(TestSandbox.Start.AddMinutes(3), edited.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Empty(server.GitLabDev.Notes("acme/widget", issue.Number));

        await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { title = "Renamed" })).Json();
        Assert.Equal(["changed title from **Plain** to **Renamed**"], server.GitLabDev.Notes("acme/widget", issue.Number).Select(n => n.Body));
    }
}
