using System.Net;
using System.Net.Http.Headers;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

public sealed class GitLabLabelBoardUploadTests
{
    [Fact]
    public async Task Labels_DuplicateName_Answers409()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var first = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/labels", new { name = "triage", color = "#FF0000" });
        using var second = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/labels", new { name = "triage", color = "#00FF00" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var label = await first.Json();
        Assert.Equal("#FF0000", label.GetProperty("color").GetString());
        Assert.True(label.TryGetProperty("open_issues_count", out _));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Label already exists", (await second.Json()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Upload_ThenGetFileThroughTheApiRoute()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var ct = TestContext.Current.CancellationToken;
        byte[] bytes = [1, 2, 3, 4, 5];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "shot.png");

        using var response = await client.PostAsync("projects/acme%2Fwidget/uploads", form, ct);
        var upload = await response.Json();
        var url = upload.GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^/uploads/[0-9a-f]{32}/shot.png$", url);
        Assert.Equal($"![shot]({url})", upload.GetProperty("markdown").GetString());
        Assert.Matches($"^/-/project/{server.GitLabDev.Project("acme/widget").Id}/uploads/[0-9a-f]{{32}}/shot.png$", upload.GetProperty("full_path").GetString());
        Assert.Equal(bytes, await client.GetByteArrayAsync("projects/acme%2Fwidget" + url, ct));
    }

    [Fact]
    public async Task SeededScreenshot_IsServed()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var withShot = server.GitLabDev.Issues("acme/widget").First(i => i.Description?.Contains("![screenshot](/uploads/", StringComparison.Ordinal) == true);
        var description = withShot.Description!;
        var path = description[(description.IndexOf("(/uploads/", StringComparison.Ordinal) + 2)..].TrimEnd(')');

        var png = await client.GetByteArrayAsync("projects/acme%2Fwidget/" + path, TestContext.Current.CancellationToken);

        Assert.Equal(0x89, png[0]);
    }

    [Fact]
    public async Task Boards_CreateBoardAddListsAndReorder()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var labels = server.GitLabDev.Labels("acme/widget");

        using var board = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/boards", new { name = "Roadmap" });
        var boardId = (await board.Json()).GetProperty("id").GetInt64();
        using var l1 = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/boards/{boardId}/lists", new { label_id = labels[0].Id });
        using var l2 = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/boards/{boardId}/lists", new { label_id = labels[1].Id });
        var secondId = (await l2.Json()).GetProperty("id").GetInt64();
        using var moved = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/boards/{boardId}/lists/{secondId}", new { position = 0 });
        var lists = await client.GetJson($"projects/acme%2Fwidget/boards/{boardId}/lists");
        var fetched = await client.GetJson($"projects/acme%2Fwidget/boards/{boardId}");
        using var deleted = await client.Send(HttpMethod.Delete, $"projects/acme%2Fwidget/boards/{boardId}/lists/{secondId}");

        Assert.Equal(HttpStatusCode.Created, l1.StatusCode);
        Assert.Equal(0, (await moved.Json()).GetProperty("position").GetInt32());
        Assert.Equal(labels[1].Name, lists[0].GetProperty("label").GetProperty("name").GetString());
        Assert.False(lists[0].TryGetProperty("list_type", out _), "Entities::List (lib/api/entities/list.rb) has no list_type in REST");
        Assert.Equal("Roadmap", fetched.GetProperty("name").GetString());
        Assert.Equal(2, fetched.GetProperty("lists").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single((await client.GetJson($"projects/acme%2Fwidget/boards/{boardId}/lists")).EnumerateArray());
    }

    [Fact]
    public async Task Milestones_CreateAndFilterByTitle()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var created = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/milestones", new { title = "v9", due_date = "2026-06-01" });
        var found = await client.GetJson("projects/acme%2Fwidget/milestones?title=v9");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("active", found[0].GetProperty("state").GetString());
        Assert.Equal("2026-06-01", found[0].GetProperty("due_date").GetString());
    }

    [Fact]
    public async Task Milestones_EditWithStateEventClose_ClosesIt_ActivateReopens_UnknownIs404()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        using var created = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/milestones", new { title = "v10" });
        var id = (await created.Json()).GetProperty("id").GetInt64();

        using var closed = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/milestones/{id}", new { state_event = "close" });
        var listedClosed = await client.GetJson("projects/acme%2Fwidget/milestones?state=closed");
        using var activated = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/milestones/{id}", new { state_event = "activate" });
        using var unknown = await client.Send(HttpMethod.Put, "projects/acme%2Fwidget/milestones/987654", new { state_event = "close" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.Json()).GetProperty("state").GetString());
        Assert.Contains("v10", listedClosed.Strings("title"));
        Assert.Equal("active", (await activated.Json()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
