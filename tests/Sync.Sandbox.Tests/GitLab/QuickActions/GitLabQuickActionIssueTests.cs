using System.Net;
using Sync.Sandbox.Model;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab.QuickActions;

/// <summary>Quick actions in issue descriptions written through POST and PUT /projects/:id/issues.</summary>
public sealed class GitLabQuickActionIssueTests
{
    [Fact]
    public async Task Create_DescriptionWithCommands_RunsThoseANewIssueAllowsAndStoresTheTextWithoutThem()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        server.GitLabDev.AddIssue("acme/widget", "Holds the label", labels: ["security"]);

        using var created = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new
        {
            title = "Copied",
            description = "Steps to reproduce\n/label ~security ~nosuch\n/confidential\n/close\n/title Renamed\nEnd  \n",
        });
        var issue = await created.Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Steps to reproduce\nEnd", issue.GetProperty("description").GetString());
        Assert.True(issue.GetProperty("confidential").GetBoolean());
        Assert.Equal(["security"], issue.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        // /close and /title need a saved issue: GitLab removes them from the text and runs nothing.
        Assert.Equal("opened", issue.GetProperty("state").GetString());
        Assert.Equal("Copied", issue.GetProperty("title").GetString());
        // A quick action never creates a label.
        Assert.DoesNotContain(server.GitLabDev.Labels("acme/widget"), l => l.Name == "nosuch");
        Assert.Equal(
            [("label", SandboxQuickActionOutcome.Applied), ("confidential", SandboxQuickActionOutcome.Applied), ("close", SandboxQuickActionOutcome.Skipped), ("title", SandboxQuickActionOutcome.Skipped)],
            server.GitLabDev.QuickActions().Select(a => (a.Name, a.Outcome)));
        Assert.All(server.GitLabDev.QuickActions(), a => Assert.Equal("description", a.Source));
    }

    [Fact]
    public async Task Create_CommandsInsideProtectedBlocks_AreKeptAndNotRun()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        const string description = "Log:\n```\n/confidential\n```\n>>>\n/confidential\n>>>\n<details>\n/confidential\n</details>\n \\/confidential\n /confidential\nsee /confidential";

        var issue = await (await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "Kept", description })).Json();

        Assert.Equal(description, issue.GetProperty("description").GetString());
        Assert.False(issue.GetProperty("confidential").GetBoolean());
        Assert.Empty(server.GitLabDev.QuickActions());
    }

    [Fact]
    public async Task Create_TildeFenceAndUpperCase_DoNotProtect()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        var issue = await (await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "Quirk", description = "~~~\n/CONFIDENTIAL\n~~~" })).Json();

        Assert.Equal("~~~\n~~~", issue.GetProperty("description").GetString());
        Assert.True(issue.GetProperty("confidential").GetBoolean());
    }

    [Fact]
    public async Task Update_DescriptionWithCommands_AppliesThemOverTheRequestsOwnParameters_NotingOnlyTitleAndDescription()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        server.GitLabDev.AddIssue("acme/widget", "Holds the label", labels: ["ux"]);
        var existing = server.GitLabDev.AddIssue("acme/widget", "Before", "Old text", labels: ["bug"]);

        using var updated = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{existing.Number}", new
        {
            title = "From the request",
            description = "New text\n/title From a command\n/close\n/unlabel ~bug\n/label ~ux",
        });
        var issue = await updated.Json();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("New text", issue.GetProperty("description").GetString());
        Assert.Equal("From a command", issue.GetProperty("title").GetString());
        Assert.Equal("closed", issue.GetProperty("state").GetString());
        Assert.Equal(["ux"], issue.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(
            ["changed title from **Before** to **From a command**", "changed the description"], // labels and state: resource events
            server.GitLabDev.Notes("acme/widget", existing.Number).Select(n => n.Body));
    }

    [Fact]
    public async Task Update_CommandAlreadyInTheStoredDescription_DoesNotRunAgain()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        // Stored directly, as if GitLab had kept it; an update resending it must not close the issue.
        var existing = server.GitLabDev.AddIssue("acme/widget", "Kept command", "Text\n/close");

        var issue = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{existing.Number}", new { description = "Text\n/close\n/lock" })).Json();

        Assert.Equal("opened", issue.GetProperty("state").GetString());
        Assert.True(issue.GetProperty("discussion_locked").GetBoolean());
        Assert.Equal("Text", issue.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Update_WithoutDescription_RunsNoCommand()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var existing = server.GitLabDev.AddIssue("acme/widget", "Stored", "Text\n/close");

        var issue = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{existing.Number}", new { title = "Retitled" })).Json();

        Assert.Equal("opened", issue.GetProperty("state").GetString());
        Assert.Equal("Text\n/close", issue.GetProperty("description").GetString());
        Assert.Empty(server.GitLabDev.QuickActions());
    }

    [Fact]
    public async Task Update_MoveCommand_UpdatesThenMovesToTheOtherProject()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLab);
        server.GitLab.CreateProject("acme/archive", isPrivate: false);
        var existing = server.GitLab.AddIssue("acme/gadget", "Leaving");

        var issue = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fgadget/issues/{existing.Number}", new { description = "Bye\n/move acme/archive" })).Json();

        Assert.Equal("closed", issue.GetProperty("state").GetString());
        var moved = Assert.Single(server.GitLab.Issues("acme/archive"));
        Assert.Equal(moved.Id, issue.GetProperty("moved_to_id").GetInt64());
        Assert.Equal("Bye", moved.Description);
    }
}
