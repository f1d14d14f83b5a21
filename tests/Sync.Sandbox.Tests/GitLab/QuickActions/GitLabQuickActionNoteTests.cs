using System.Net;
using System.Text.Json;
using Sync.Sandbox.Model;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab.QuickActions;

/// <summary>Quick actions in notes written through POST and PUT /projects/:id/issues/:iid/notes.</summary>
public sealed class GitLabQuickActionNoteTests
{
    [Fact]
    public async Task Note_MadeOnlyOfCommands_Answers202WithCommandsChangesAndStoresNoNote()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        server.GitLabDev.AddIssue("acme/widget", "Holds the label", labels: ["security"]);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");
        var security = server.GitLabDev.Labels("acme/widget").Single(l => l.Name == "security");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "/close\n/label ~security\n\n" });
        var json = await response.Json();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("close", json.GetProperty("commands_changes").GetProperty("state_event").GetString());
        Assert.Equal([security.Id], json.GetProperty("commands_changes").GetProperty("add_label_ids").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(["Closed this issue. Added ~\"security\" label."], json.GetProperty("summary").EnumerateArray().Select(e => e.GetString()));
        Assert.False(json.TryGetProperty("id", out _));
        Assert.True(issue.Closed);
        Assert.True(issue.HasLabel("security"));
        Assert.All(server.GitLabDev.Notes("acme/widget", issue.Number), n => Assert.True(n.System));
    }

    [Fact]
    public async Task Note_TextAndCommands_StoresTheTextAndReturnsTheNoteWithItsCommandsChanges()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "Thanks!\n/Confidential\n/lock\nMore  " });
        var json = await response.Json();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Thanks!\nMore", json.GetProperty("body").GetString());
        Assert.True(json.GetProperty("commands_changes").GetProperty("confidential").GetBoolean());
        Assert.True(json.GetProperty("commands_changes").GetProperty("discussion_locked").GetBoolean());
        Assert.True(issue.Confidential);
        Assert.True(issue.Locked);
        Assert.Single(server.GitLabDev.Notes("acme/widget", issue.Number), n => !n.System);
    }

    [Fact]
    public async Task Note_OnlyCommandsWhoseConditionFails_Answers202CouldNotApply()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Open one");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "/reopen\n/unlabel" });
        var json = await response.Json();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, json.GetProperty("commands_changes").ValueKind);
        Assert.Empty(json.GetProperty("commands_changes").EnumerateObject());
        Assert.Equal(["Could not apply reopen command. Could not apply unlabel command."], json.GetProperty("summary").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([SandboxQuickActionOutcome.Skipped, SandboxQuickActionOutcome.Skipped], server.GitLabDev.QuickActions().Select(a => a.Outcome));
    }

    [Fact]
    public async Task Note_OnlyALabelThatDoesNotExist_Answers400FailedToApplyCommands()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "/label ~nosuch" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("400 Bad request - Failed to apply commands.", (await response.Json()).GetProperty("message").GetString());
        Assert.Empty(server.GitLabDev.Notes("acme/widget", issue.Number));
    }

    [Fact]
    public async Task Note_UnlabelRelabelAndTitle_ChangeLabelsAndTitleLikeTheirApiParameters()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        server.GitLabDev.AddIssue("acme/widget", "Holds the labels", labels: ["customer", "performance"]);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Old", labels: ["bug", "ux", "impact::2"]);
        var url = $"projects/acme%2Fwidget/issues/{issue.Number}/notes";

        (await client.Send(HttpMethod.Post, url, new { body = "/unlabel ~impact::2 ~ux" })).Dispose();
        var afterUnlabel = issue.Labels.ToList();
        (await client.Send(HttpMethod.Post, url, new { body = "/relabel ~\"customer\" ~performance\n/title New title" })).Dispose();
        var afterRelabel = issue.Labels.ToList();
        (await client.Send(HttpMethod.Post, url, new { body = "/remove_label" })).Dispose();

        Assert.Equal(["bug"], afterUnlabel);
        Assert.Equal(["customer", "performance"], afterRelabel);
        Assert.Empty(issue.Labels);
        Assert.Equal("New title", issue.Title);
    }

    [Fact]
    public async Task Note_Duplicate_ClosesTheIssueAndPointsItAtTheCanonicalOne()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var canonical = server.GitLabDev.AddIssue("acme/widget", "Original");
        var issue = server.GitLabDev.AddIssue("acme/widget", "Copy");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = $"/duplicate #{canonical.Number}" });
        var fetched = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(canonical.Id, (await response.Json()).GetProperty("commands_changes").GetProperty("canonical_issue_id").GetInt64());
        Assert.Equal("closed", fetched.GetProperty("state").GetString());
        Assert.EndsWith($"/issues/{canonical.Number}", fetched.GetProperty("_links").GetProperty("closed_as_duplicate_of").GetString(), StringComparison.Ordinal);
        Assert.Contains(server.GitLabDev.Notes("acme/widget", canonical.Number), n => n.Body == $"marked #{issue.Number} as a duplicate of this issue");
    }

    [Fact]
    public async Task Note_MoveAndClone_CopyTheIssueToTheNamedProject()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLab);
        server.GitLab.CreateProject("acme/archive", isPrivate: false);
        var cloned = server.GitLab.AddIssue("acme/gadget", "Cloned");
        var moved = server.GitLab.AddIssue("acme/gadget", "Moved");
        server.GitLab.AddNote("acme/gadget", cloned.Number, "Earlier comment");

        using var clone = await client.Send(HttpMethod.Post, $"projects/acme%2Fgadget/issues/{cloned.Number}/notes", new { body = "/clone acme/archive --with_notes" });
        using var move = await client.Send(HttpMethod.Post, $"projects/acme%2Fgadget/issues/{moved.Number}/notes", new { body = "Moving this.\n/move acme/archive" });

        Assert.Equal(HttpStatusCode.Accepted, clone.StatusCode);
        Assert.Equal(["Cloned this item to acme/archive."], (await clone.Json()).GetProperty("summary").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Created, move.StatusCode);
        Assert.False(cloned.Closed);
        Assert.True(moved.Closed);
        var archive = server.GitLab.Issues("acme/archive");
        Assert.Equal(["Cloned", "Moved"], archive.Select(i => i.Title));
        Assert.Contains(archive[0].Notes, n => n.Body == "Earlier comment");
        // The move copies the note that carried the command, written before the command ran.
        Assert.Contains(archive[1].Notes, n => n.Body == "Moving this.");
        Assert.Equal(moved.MovedToId, archive[1].Id);
    }

    [Fact]
    public async Task Note_AssignAndMilestone_AreRecordedButNotApplied()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "/assign @alice.martin\n/milestone %\"v2.5\"" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(issue.Assignees);
        Assert.Null(issue.Milestone);
        Assert.Equal(
            [("assign", "@alice.martin", SandboxQuickActionOutcome.RecordedOnly), ("milestone", "%\"v2.5\"", SandboxQuickActionOutcome.RecordedOnly)],
            server.GitLabDev.QuickActions().Select(a => (a.Name, a.Argument, a.Outcome)));
    }

    [Fact]
    public async Task Note_UnknownCommandsAndEscapedSlashes_StayAsText()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");
        const string body = "/deploy production\n\\/close\n /close\nPlease /close this";

        using var response = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, (await response.Json()).GetProperty("body").GetString());
        Assert.False(issue.Closed);
    }

    [Fact]
    public async Task NoteEdit_DownToCommandsOnly_RunsThemAndDeletesTheNote()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Target");
        var note = server.GitLabDev.AddNote("acme/widget", issue.Number, "Harmless");

        using var edited = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}/notes/{note.Id}", new { body = "/close" });

        Assert.Equal(HttpStatusCode.Accepted, edited.StatusCode);
        Assert.Equal(["Closed this issue."], (await edited.Json()).GetProperty("summary").EnumerateArray().Select(e => e.GetString()));
        Assert.True(issue.Closed);
        Assert.DoesNotContain(server.GitLabDev.Notes("acme/widget", issue.Number), n => n.Id == note.Id);
    }
}
