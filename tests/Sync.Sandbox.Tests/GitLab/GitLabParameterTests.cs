using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>GitLab takes parameters from the query string, a form body or a JSON body alike.</summary>
public sealed class GitLabParameterTests
{
    [Fact]
    public async Task Put_WithFormBody_AndQueryString_AppliesBoth()
    {
        await using var server = await TestSandbox.StartAsync();
        var issue = server.GitLabDev.AddIssue("acme/widget", "Form", labels: ["old"]);
        using var client = TestSandbox.Client(server.GitLabDev);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["add_labels"] = "new", ["remove_labels"] = "old" });

        using var response = await client.PutAsync($"projects/acme%2Fwidget/issues/{issue.Number}?title=Renamed", form, TestContext.Current.CancellationToken);
        var json = await response.Json();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed", json.GetProperty("title").GetString());
        Assert.Equal(["new"], json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList());
    }

    [Fact]
    public async Task Put_WithoutAnyParameter_Answers400()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.Send(HttpMethod.Put, "projects/acme%2Fwidget/issues/1", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("at least one parameter must be provided", (await response.Json()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_AnswersGitLab404_AndIsCounted()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Grape's error! (lib/api/api.rb catch-all), rendered {"error": ...}, unlike render_api_error!'s {"message": ...}.
        var body = await response.Json();
        Assert.Equal("404 Not Found", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("message", out _));
        Assert.Equal(1, server.Stats.Snapshot().For("gitlab-dev", "POST /:rest"));
    }
}
