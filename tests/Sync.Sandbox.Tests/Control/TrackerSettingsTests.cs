using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Control;

public sealed class TrackerSettingsTests
{
    [Fact]
    public async Task TrackersEndpoint_SetsPremiumAndMembership_ForOneInstance()
    {
        await using var server = await TestSandbox.StartAsync();
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        var body = new { instance = "gitlab-dev", premium = true, members = new Dictionary<string, string[]> { ["acme/widget"] = ["someone.else"] } };

        using var denied = await admin.Send(HttpMethod.Post, "_sandbox/trackers", body);
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", "sandbox-admin");
        using var unknown = await admin.Send(HttpMethod.Post, "_sandbox/trackers", new { instance = "gitlab-dev", members = new Dictionary<string, string[]> { ["acme/nope"] = ["x"] } });
        using var accepted = await admin.Send(HttpMethod.Post, "_sandbox/trackers", body);
        using var client = TestSandbox.Client(server.GitLabDev);
        using var hidden = await client.GetAsync("projects/acme%2Fwidget/issues", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(server.GitLabDev.Premium);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode); // the instance token's user is no longer a member
    }
}
