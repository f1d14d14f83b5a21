using System.Net;
using System.Text.Json;
using Sync.Sandbox.GitHub;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Limits;

/// <summary>Issue and comment bodies over the trackers' limits are refused with their own status and body, and nothing is stored.</summary>
public sealed class BodyLimitTests
{
    private const string Repo = "acme/widget";
    private const string GitLabPath = "acme/gadget";
    private static readonly string GitLabProject = Uri.EscapeDataString(GitLabPath);

    [Fact]
    public async Task GitHub_IssueBodyOver65536Characters_Is422Custom_AndNothingIsCreated()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        using var client = TestSandbox.Client(server.GitHub);
        var before = server.GitHub.Issues(Repo).Count;

        using var fits = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues", new { title = "fits", body = new string('a', 65_536) });
        using var over = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues", new { title = "over", body = new string('a', 65_537) });

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var answer = await over.Json();
        var error = answer.GetProperty("errors")[0];
        Assert.Equal("Validation Failed", answer.GetProperty("message").GetString());
        Assert.Equal(("Issue", "custom", "body", "body is too long (maximum is 65536 characters)"), Fields(error));
        Assert.Equal(before + 1, server.GitHub.Issues(Repo).Count);
    }

    [Fact]
    public async Task GitHub_CommentCreateAndEditOver65536Characters_Is422_AndTheOldBodyStays()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        using var client = TestSandbox.Client(server.GitHub);
        var number = server.GitHub.Issues(Repo)[0].Number;
        var notes = server.GitHub.Notes(Repo, number).Count;

        using var created = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues/{number}/comments", new { body = "short" });
        var id = (await created.Json()).GetProperty("id").GetInt64();
        using var over = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues/{number}/comments", new { body = new string('b', 65_537) });
        using var edit = await client.Send(HttpMethod.Patch, $"repos/{Repo}/issues/comments/{id}", new { body = new string('b', 65_537) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        Assert.Equal(("IssueComment", "unprocessable", "data", "Body is too long (maximum is 65536 characters)"), Fields((await edit.Json()).GetProperty("errors")[0]));
        Assert.Equal(notes + 1, server.GitHub.Notes(Repo, number).Count);
        Assert.Equal("short", server.GitHub.Notes(Repo, number).Single(n => n.Id == id).Body);
    }

    [Fact]
    public async Task GitHub_IssueEditOverTheLimit_Is422_AndKeepsTheBody()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        using var client = TestSandbox.Client(server.GitHub);
        var issue = server.GitHub.Issues(Repo)[0];
        var body = issue.Description;

        using var edit = await client.Send(HttpMethod.Patch, $"repos/{Repo}/issues/{issue.Number}", new { body = new string('c', 65_537) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        Assert.Equal(body, server.GitHub.Issue(Repo, issue.Number).Description);
    }

    [Theory]
    [InlineData(GitHubBodyCount.CodePoints, 65_536, 65_537)]
    [InlineData(GitHubBodyCount.Utf16Units, 32_768, 32_769)]
    [InlineData(GitHubBodyCount.Utf8Bytes, 65_536, 65_537)]
    public async Task GitHub_EmojiBodies_AreCountedAsConfigured(GitHubBodyCount count, int fitting, int refused)
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        server.Control.Limits.GitHubBodyCount = count;
        using var client = TestSandbox.Client(server.GitHub);
        string Emoji(int n) => string.Concat(Enumerable.Repeat("😀", n));

        using var fits = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues", new { title = "fits", body = Emoji(fitting) });
        using var over = await client.Send(HttpMethod.Post, $"repos/{Repo}/issues", new { title = "over", body = Emoji(refused) });

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
    }

    [Fact]
    public async Task GitLab_DescriptionOver1048576Characters_Is400OnCreate_ButAnEditIsNotChecked()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        using var client = TestSandbox.Client(server.GitLab);
        var before = server.GitLab.Issues(GitLabPath).Count;

        using var fits = await client.Send(HttpMethod.Post, $"projects/{GitLabProject}/issues", new { title = "fits", description = new string('d', 1_048_576) });
        using var over = await client.Send(HttpMethod.Post, $"projects/{GitLabProject}/issues", new { title = "over", description = new string('d', 1_048_577) });
        var iid = (await fits.Json()).GetProperty("iid").GetInt32();
        using var edit = await client.Send(HttpMethod.Put, $"projects/{GitLabProject}/issues/{iid}", new { description = new string('e', 1_048_577) });

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal(
            "is too long (maximum is 1048576 characters)",
            (await over.Json()).GetProperty("message").GetProperty("description")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(before + 1, server.GitLab.Issues(GitLabPath).Count);
    }

    [Fact]
    public async Task GitLab_NoteOver1000000Characters_Is400OnCreateAndEdit()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        using var client = TestSandbox.Client(server.GitLab);
        var iid = server.GitLab.Issues(GitLabPath)[0].Number;
        var notes = server.GitLab.Notes(GitLabPath, iid).Count;

        using var fits = await client.Send(HttpMethod.Post, $"projects/{GitLabProject}/issues/{iid}/notes", new { body = new string('n', 1_000_000) });
        using var over = await client.Send(HttpMethod.Post, $"projects/{GitLabProject}/issues/{iid}/notes", new { body = new string('n', 1_000_001) });
        var id = (await fits.Json()).GetProperty("id").GetInt64();
        using var edit = await client.Send(HttpMethod.Put, $"projects/{GitLabProject}/issues/{iid}/notes/{id}", new { body = new string('m', 1_000_001) });

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Equal(
            "400 Bad request - Note {:note=>[\"is too long (maximum is 1000000 characters)\"]}",
            (await edit.Json()).GetProperty("message").GetString());
        Assert.Equal(notes + 1, server.GitLab.Notes(GitLabPath, iid).Count);
        Assert.StartsWith("n", server.GitLab.Notes(GitLabPath, iid).Single(n => n.Id == id).Body, StringComparison.Ordinal);
    }

    private static (string?, string?, string?, string?) Fields(JsonElement error) =>
        (error.GetProperty("resource").GetString(), error.GetProperty("code").GetString(), error.GetProperty("field").GetString(), error.GetProperty("message").GetString());
}
