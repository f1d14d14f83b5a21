using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task GitLab_WithWrongToken_Answers401WithDocumentedBody()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev, "nope");

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("401 Unauthorized", (await response.Json()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task GitHub_WithoutToken_Answers401BadCredentials()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = new HttpClient { BaseAddress = server.GitHub.ApiUrl };

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("Bad credentials", body.GetProperty("message").GetString());
        Assert.Equal("https://docs.github.com/rest", body.GetProperty("documentation_url").GetString());
    }

    [Fact]
    public async Task BothTrackers_AcceptBearerTokens_AndTokensAreInstanceSpecific()
    {
        await using var server = await TestSandbox.StartAsync();
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;

        async Task<HttpStatusCode> Get(Uri url, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get(new Uri(server.GitLab.ApiUrl, "user"), server.GitLab.Token));
        Assert.Equal(HttpStatusCode.OK, await Get(new Uri(server.GitHub.ApiUrl, "user"), server.GitHub.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get(new Uri(server.GitLab.ApiUrl, "user"), server.GitLabDev.Token));
    }

    [Fact]
    public async Task SetUserToken_AuthenticatesAsThatUser()
    {
        await using var server = await TestSandbox.StartAsync();
        server.GitLabDev.SetUserToken("grace.kim", "grace-token");
        using var client = TestSandbox.Client(server.GitLabDev, "grace-token");

        var user = await client.GetJson("user");

        Assert.Equal("grace.kim", user.GetProperty("username").GetString());
    }
}
