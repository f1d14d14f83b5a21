using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

public sealed class GitLabMoveTests
{
    [Fact]
    public async Task Move_CopiesNotesAndAwards_ClosesOriginalWithMovedToId()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        var issue = gl.AddIssue("acme/widget", "Move me", labels: ["public"]);
        var note = gl.AddNote("acme/widget", issue.Number, "internal detail", "bob.chen", isInternal: true);
        gl.AddAward("acme/widget", issue.Number, "thumbsup", "alice.martin");
        gl.AddAward("acme/widget", issue.Number, "heart", "grace.kim", noteId: note.Id);
        var target = gl.Project("acme/gadget-dev");
        using var client = TestSandbox.Client(gl);

        using var moved = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/move", new { to_project_id = target.Id });
        var copy = await moved.Json();
        var original = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}");
        var notes = gl.Notes("acme/gadget-dev", copy.GetProperty("iid").GetInt32());

        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        Assert.Equal(target.Id, copy.GetProperty("project_id").GetInt64());
        Assert.Equal(1, copy.GetProperty("upvotes").GetInt32());
        Assert.Equal("closed", original.GetProperty("state").GetString());
        Assert.Equal(copy.GetProperty("id").GetInt64(), original.GetProperty("moved_to_id").GetInt64());
        Assert.Contains(notes, n => n.Internal && n.Body == "internal detail" && n.Author.Username == "bob.chen" && n.Awards.Count == 1);
        Assert.Contains(notes, n => n.System && n.Body.StartsWith("moved from acme/widget#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Move_CarriesOnlyTheLabelsAndMilestoneTheTargetHasByTitle_AndCreatesNoLabel()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLabDev;
        gl.CreateProject("acme/move-src", isPrivate: true);
        var target = gl.CreateProject("acme/move-dst", isPrivate: true);
        using var client = TestSandbox.Client(gl);
        var issue = gl.AddIssue("acme/move-src", "Move me", labels: ["public", "only-in-source"]);
        var sourceMilestone = await (await client.Send(HttpMethod.Post, "projects/acme%2Fmove-src/milestones", new { title = "v9" })).Json();
        var targetMilestone = await (await client.Send(HttpMethod.Post, "projects/acme%2Fmove-dst/milestones", new { title = "v9" })).Json();
        using var label = await client.Send(HttpMethod.Post, "projects/acme%2Fmove-dst/labels", new { name = "public", color = "#00FF00" });
        using var assigned = await client.Send(HttpMethod.Put, $"projects/acme%2Fmove-src/issues/{issue.Number}", new { milestone_id = sourceMilestone.GetProperty("id").GetInt64() });

        using var moved = await client.Send(HttpMethod.Post, $"projects/acme%2Fmove-src/issues/{issue.Number}/move", new { to_project_id = target.Id });
        var copy = await moved.Json();

        // Issuable::Clone::AttributesRewriter: labels and milestone are matched by title in the target, never created.
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        Assert.Equal(["public"], copy.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList());
        Assert.Equal(targetMilestone.GetProperty("id").GetInt64(), copy.GetProperty("milestone").GetProperty("id").GetInt64());
        Assert.DoesNotContain(gl.Labels("acme/move-dst"), l => l.Name == "only-in-source");
    }

    [Fact]
    public async Task Move_UnknownIssue_Answers404IssueNotFound()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues/9999/move", new { to_project_id = server.GitLabDev.Project("acme/gadget-dev").Id });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 Issue Not Found", (await response.Json()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Move_ToSameProject_Answers400()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues/1/move", new { to_project_id = server.GitLabDev.Project("acme/widget").Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Cannot move issue to project it originates from!", (await response.Json()).GetProperty("message").GetString());
    }
}
