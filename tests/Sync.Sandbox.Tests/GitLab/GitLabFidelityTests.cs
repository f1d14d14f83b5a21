using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>Membership, tier and duplicate links as GitLab answers them (issue 16, items 7 and 11).</summary>
public sealed class GitLabFidelityTests
{
    [Theory]
    [InlineData("projects/acme%2Fwidget")]
    [InlineData("projects/acme%2Fwidget/issues")]
    [InlineData("projects/acme%2Fwidget/issues/1")]
    [InlineData("projects/acme%2Fwidget/issues/1/notes")]
    [InlineData("projects/acme%2Fwidget/labels")]
    [InlineData("projects/acme%2Fwidget/milestones")]
    public async Task PrivateProject_ForANonMember_Answers404ProjectNotFoundOnEveryRoute(string route)
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLabDev;
        gitLab.SetUserToken("outsider", "outsider-token");
        gitLab.SetMembers("acme/widget", gitLab.Bot.Username);
        using var outsider = TestSandbox.Client(gitLab, "outsider-token");
        using var member = TestSandbox.Client(gitLab);

        using var hidden = await outsider.GetAsync(route, TestContext.Current.CancellationToken);
        using var shown = await member.GetAsync(route, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("404 Project Not Found", (await hidden.Json()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task GraphQl_PrivateProjectOfANonMember_IsNull()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLabDev;
        gitLab.SetUserToken("outsider", "outsider-token");
        gitLab.SetMembers("acme/widget", gitLab.Bot.Username);
        using var outsider = TestSandbox.Client(gitLab, "outsider-token");
        using var member = TestSandbox.Client(gitLab);
        var query = new { query = "query($path: ID!) { project(fullPath: $path) { fullPath } }", variables = new { path = "acme/widget" } };

        var hidden = await (await outsider.Send(HttpMethod.Post, "../graphql", query)).Json();
        var shown = await (await member.Send(HttpMethod.Post, "../graphql", query)).Json();

        Assert.Equal(System.Text.Json.JsonValueKind.Null, hidden.GetProperty("data").GetProperty("project").ValueKind);
        Assert.False(hidden.TryGetProperty("errors", out _));
        Assert.Equal("acme/widget", shown.GetProperty("data").GetProperty("project").GetProperty("fullPath").GetString());
    }

    [Fact]
    public async Task PublicProject_ForANonMember_IsReadable()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLab;
        gitLab.SetUserToken("outsider", "outsider-token");
        gitLab.SetMembers("acme/gadget", gitLab.Bot.Username);
        using var outsider = TestSandbox.Client(gitLab, "outsider-token");

        using var response = await outsider.GetAsync("projects/acme%2Fgadget/issues", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Weight_OnFree_IsAbsentAndNotApplied_OnPremium_IsShown()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLabDev;
        using var client = TestSandbox.Client(gitLab);
        var issue = gitLab.AddIssue("acme/widget", "Weighed");

        var free = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { weight = 3, title = "Still weighed" })).Json();
        Assert.False(free.TryGetProperty("weight", out _));
        Assert.Null(issue.Weight);

        gitLab.Premium = true;
        var premium = await (await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { weight = 3 })).Json();
        Assert.Equal(3, premium.GetProperty("weight").GetInt32());
    }

    [Fact]
    public async Task DuplicateLink_ToAnotherProject_NamesTheCanonicalsOwnProjectId_AndIsHiddenFromWhoCannotReadIt()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLabDev;
        using var client = TestSandbox.Client(gitLab);
        var other = gitLab.Project("acme/gadget-dev");
        var canonical = gitLab.AddIssue("acme/gadget-dev", "The original");
        gitLab.AddIssue("acme/widget", "Same number, wrong issue");
        var duplicate = gitLab.AddIssue("acme/widget", "The copy");

        using var note = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{duplicate.Number}/notes", new { body = $"/duplicate acme/gadget-dev#{canonical.Number}" });
        var fetched = await client.GetJson($"projects/acme%2Fwidget/issues/{duplicate.Number}");

        Assert.Equal(HttpStatusCode.Accepted, note.StatusCode);
        Assert.Equal("closed", fetched.GetProperty("state").GetString());
        Assert.Equal(
            new Uri(gitLab.ApiUrl, $"projects/{other.Id}/issues/{canonical.Number}").ToString(),
            fetched.GetProperty("_links").GetProperty("closed_as_duplicate_of").GetString());

        // lib/api/entities/issue.rb shows the link only to a user who can read the canonical.
        gitLab.SetUserToken("widget-only", "widget-token");
        gitLab.SetMembers("acme/gadget-dev", gitLab.Bot.Username);
        using var outsider = TestSandbox.Client(gitLab, "widget-token");
        var seen = await outsider.GetJson($"projects/acme%2Fwidget/issues/{duplicate.Number}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("_links").GetProperty("closed_as_duplicate_of").ValueKind);
    }
}
