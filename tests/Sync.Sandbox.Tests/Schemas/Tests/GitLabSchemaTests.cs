using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sync.Sandbox.Tests.Schemas.Validation;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Schemas.Tests;

/// <summary>Every GitLab REST route the sandbox serves answers within GitLab's own public_api/v4 response schemas.</summary>
public sealed class GitLabSchemaTests
{
    private const string Project = "projects/acme%2Fwidget";

    [Fact]
    public async Task EveryRoute_AnswersWithinGitLabsPublishedSchemas()
    {
        await using var server = await TestSandbox.StartAsync();
        var checker = new SchemaChecker(SchemaCatalog.Shared);
        using var client = SchemaCheckedClient.For(server.GitLabDev, checker);
        var labels = server.GitLabDev.Labels("acme/widget");

        await Send(client, HttpMethod.Get, "user");
        await Send(client, HttpMethod.Get, Project);
        await Send(client, HttpMethod.Get, Project + "/issues?state=all&per_page=100");
        await Send(client, HttpMethod.Get, Project + "/issues?state=closed&per_page=100");
        var milestone = await Send(client, HttpMethod.Post, Project + "/milestones", new { title = "Schema milestone", due_date = "2026-06-30" });
        await Send(client, HttpMethod.Put, $"{Project}/milestones/{milestone.GetProperty("id").GetInt64()}", new { description = "Edited" });
        var issue = await Send(client, HttpMethod.Post, Project + "/issues", new
        {
            title = "Schema check", description = "All fields", labels = labels[0].Name, milestone_id = milestone.GetProperty("id").GetInt64(),
            assignee_ids = new[] { server.GitLabDev.User("alice.martin").Id }, due_date = "2026-07-01",
        });
        var iid = issue.GetProperty("iid").GetInt64();
        await Send(client, HttpMethod.Get, $"{Project}/issues/{iid}");
        await Send(client, HttpMethod.Put, $"{Project}/issues/{iid}", new { state_event = "close" });
        await Send(client, HttpMethod.Put, $"{Project}/issues/{iid}", new { state_event = "reopen", add_labels = labels[1].Name });

        var note = await Send(client, HttpMethod.Post, $"{Project}/issues/{iid}/notes", new { body = "a note" });
        var noteId = note.GetProperty("id").GetInt64();
        await Send(client, HttpMethod.Get, $"{Project}/issues/{iid}/notes/{noteId}");
        await Send(client, HttpMethod.Put, $"{Project}/issues/{iid}/notes/{noteId}", new { body = "an edited note" });
        await Send(client, HttpMethod.Get, $"{Project}/issues/{iid}/notes?per_page=100");
        foreach (var seeded in server.GitLabDev.Issues("acme/widget").Take(8))
        {
            await Send(client, HttpMethod.Get, $"{Project}/issues/{seeded.Number}/notes?per_page=100");
        }

        await Send(client, HttpMethod.Post, $"{Project}/issues/{iid}/award_emoji", new { name = "thumbsup" });
        await Send(client, HttpMethod.Get, $"{Project}/issues/{iid}/award_emoji");
        await Send(client, HttpMethod.Post, $"{Project}/issues/{iid}/notes/{noteId}/award_emoji", new { name = "heart" });
        await Send(client, HttpMethod.Get, $"{Project}/issues/{iid}/notes/{noteId}/award_emoji");

        await Send(client, HttpMethod.Get, Project + "/labels?per_page=100");
        var label = await Send(client, HttpMethod.Post, Project + "/labels", new { name = "schema::checked", color = "#AA00BB", description = "made by a test" });
        await Send(client, HttpMethod.Put, $"{Project}/labels/{label.GetProperty("id").GetInt64()}", new { new_name = "schema::renamed", color = "#00AA00" });
        await Send(client, HttpMethod.Get, Project + "/milestones?per_page=100");

        var board = await Send(client, HttpMethod.Post, Project + "/boards", new { name = "Schema board" });
        var boardId = board.GetProperty("id").GetInt64();
        var first = await Send(client, HttpMethod.Post, $"{Project}/boards/{boardId}/lists", new { label_id = labels[0].Id });
        await Send(client, HttpMethod.Post, $"{Project}/boards/{boardId}/lists", new { label_id = labels[1].Id });
        await Send(client, HttpMethod.Put, $"{Project}/boards/{boardId}/lists/{first.GetProperty("id").GetInt64()}", new { position = 1 });
        await Send(client, HttpMethod.Get, $"{Project}/boards/{boardId}/lists");
        await Send(client, HttpMethod.Get, $"{Project}/boards/{boardId}");
        await Send(client, HttpMethod.Get, Project + "/boards");
        await Send(client, HttpMethod.Delete, $"{Project}/boards/{boardId}/lists/{first.GetProperty("id").GetInt64()}");

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "shot.png");
        using var upload = await client.PostAsync(Project + "/uploads", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var moved = await Send(client, HttpMethod.Post, $"{Project}/issues/{iid}/move", new { to_project_id = server.GitLabDev.Project("acme/gadget-dev").Id });
        Assert.Equal(server.GitLabDev.Project("acme/gadget-dev").Id, moved.GetProperty("project_id").GetInt64());

        checker.AssertNoFailures();
        Assert.Equal(
            SchemaRoutes.All.Where(r => r.Tracker == SchemaRoutes.GitLab && r.Schema.HasSchema).Select(r => r.Endpoint).Order(StringComparer.Ordinal),
            checker.Validated.Keys.Select(k => k[(SchemaRoutes.GitLab.Length + 1)..k.IndexOf(" → ", StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }, ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
