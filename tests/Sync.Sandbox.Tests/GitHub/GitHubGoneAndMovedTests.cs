using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitHub;

/// <summary>
/// GitHub's answers for issues that are not where they were (docs/tracker-behaviour.md, "GitHub responses (issue 16)"):
/// 301 to a transferred issue's new place, 410 for a deleted issue or a repository with issues disabled.
/// </summary>
public sealed class GitHubGoneAndMovedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TransferredIssue_Answers301ToItsNewPlaceById_WhichAnswersTheIssueUnderItsNewRepositoryAndNumber()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        var target = gh.CreateProject("acme/elsewhere", isPrivate: false);
        gh.AddIssue("acme/elsewhere", "Already here");
        gh.AddNote("acme/widget", 3, "A comment that moves along", "alice.martin");
        var comments = gh.Issue("acme/widget", 3).UserNotesCount;
        using var client = TestSandbox.Client(gh);
        using var noFollow = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gh.ApiUrl };
        noFollow.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", gh.Token);

        var moved = gh.TransferIssue("acme/widget", 3, "acme/elsewhere");
        using var redirect = await noFollow.GetAsync("repos/acme/widget/issues/3", Ct);
        var body = await redirect.Json();
        var location = redirect.Headers.Location!;
        var followed = await client.GetJson(location.ToString());

        Assert.Equal((HttpStatusCode.MovedPermanently, 2), (redirect.StatusCode, moved.Number));
        Assert.Equal($"{gh.ApiUrl}repositories/{target.Id}/issues/2", location.ToString());
        Assert.Equal(("Moved Permanently", location.ToString()), (body.GetProperty("message").GetString(), body.GetProperty("url").GetString()));
        Assert.Equal($"{gh.ApiUrl}repos/acme/elsewhere/issues/2", followed.GetProperty("url").GetString());
        Assert.Equal(($"{gh.ApiUrl}repos/acme/elsewhere", 2, comments), (followed.GetProperty("repository_url").GetString(), followed.GetProperty("number").GetInt32(), comments));
        Assert.Equal(comments, followed.GetProperty("comments").GetInt32());
        using var below = await client.GetAsync("repos/acme/widget/issues/3/comments", Ct);
        Assert.Equal(HttpStatusCode.NotFound, below.StatusCode); // no 301 documented below the issue itself (Assumption)
    }

    [Fact]
    public async Task DeletedIssue_Answers410ThisIssueWasDeleted_OnReadEditAndComment()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        var repo = gh.Project("acme/widget");
        lock (gh.Sync)
        {
            repo.Remove(repo.FindIssue(4)!);
        }

        using var client = TestSandbox.Client(gh);

        using var get = await client.GetAsync("repos/acme/widget/issues/4", Ct);
        using var patch = await client.Send(HttpMethod.Patch, "repos/acme/widget/issues/4", new { title = "x" });
        using var comment = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/4/comments", new { body = "x" });
        using var never = await client.GetAsync("repos/acme/widget/issues/999", Ct);

        foreach (var gone in new[] { get, patch, comment })
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Equal("This issue was deleted", (await gone.Json()).GetProperty("message").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
    }

    [Fact]
    public async Task IssuesDisabled_CreateCommentAndRead_Answer410IssuesAreDisabled_AndTheRepoSaysHasIssuesFalse()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        gh.Project("acme/widget").HasIssues = false;
        using var client = TestSandbox.Client(gh);

        using var create = await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "x" });
        using var comment = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "x" });
        using var get = await client.GetAsync("repos/acme/widget/issues/1", Ct);
        var repo = await client.GetJson("repos/acme/widget");

        foreach (var gone in new[] { create, comment, get })
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Equal("Issues are disabled for this repo", (await gone.Json()).GetProperty("message").GetString());
        }

        Assert.False(repo.GetProperty("has_issues").GetBoolean());
    }

    [Fact]
    public async Task WithoutPushAccess_CreateAndUpdate_SilentlyDropLabelsMilestoneAndAssignees_ButWriteTheRest()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        using var owner = TestSandbox.Client(gh);
        using var milestone = await owner.Send(HttpMethod.Post, "repos/acme/widget/milestones", new { title = "v2" });
        var number = (await milestone.Json()).GetProperty("number").GetInt32();
        gh.SetUserToken("carla.rossi", "triage-token");
        gh.Project("acme/widget").Roles["carla.rossi"] = "triage";
        using var triage = TestSandbox.Client(gh, "triage-token");

        using var create = await triage.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "From triage", labels = new[] { "bug" }, milestone = number, assignees = new[] { "bob.chen" } });
        var created = await create.Json();
        var n = created.GetProperty("number").GetInt32();
        using var update = await triage.Send(HttpMethod.Patch, $"repos/acme/widget/issues/{n}", new { title = "Retitled", labels = new[] { "bug" }, milestone = number });
        var updated = await update.Json();
        using var byOwner = await owner.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "From the owner", labels = new[] { "bug" }, milestone = number });
        var full = await byOwner.Json();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (create.StatusCode, update.StatusCode));
        Assert.Equal((0, JsonValueKind(created, "milestone"), 0), (created.GetProperty("labels").GetArrayLength(), "Null", created.GetProperty("assignees").GetArrayLength()));
        Assert.Equal(("Retitled", 0, "Null"), (updated.GetProperty("title").GetString(), updated.GetProperty("labels").GetArrayLength(), JsonValueKind(updated, "milestone")));
        Assert.Equal((1, number), (full.GetProperty("labels").GetArrayLength(), full.GetProperty("milestone").GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task ApiVersions_TallyTheHeaderEachGitHubRequestNamed()
    {
        await using var server = await TestSandbox.StartAsync();
        var gh = server.GitHub;
        using var client = TestSandbox.Client(gh);
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        using var bare = TestSandbox.Client(gh);

        await client.GetJson("repos/acme/widget/issues");
        await client.GetJson("repos/acme/widget/issues/1");
        await bare.GetJson("repos/acme/widget");

        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["2022-11-28"] = 2 }, server.Stats.ApiVersions(gh.Name));
    }

    private static string JsonValueKind(System.Text.Json.JsonElement json, string property) => json.GetProperty(property).ValueKind.ToString();
}
