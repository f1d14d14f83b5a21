using System.Net;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>HTTP Basic in front of the dashboard: with users configured, loopback gets no free pass by default.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardAuthenticationTests(ProtectedDashboardHost host) : IClassFixture<ProtectedDashboardHost>
{
    [Fact]
    public async Task UsersConfigured_LoopbackWithoutCredentials_Returns401WithBasicChallenge()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/hangfire/recurring", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=\"IssueSync\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProtectedDashboardHost.User, "wrong-password")]
    [InlineData("mallory", ProtectedDashboardHost.Password)]
    [InlineData(ProtectedDashboardHost.User, "")]
    public async Task WrongPasswordOrUnknownUser_Returns401WithChallenge(string user, string password)
    {
        using var client = host.Client(user, password);
        using var response = await client.GetAsync("/hangfire/recurring", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CommandsWithoutCredentials_Return401AndRunNothing()
    {
        var before = host.TotalJobs();
        using var client = host.Client();
        using var response = await client.PostAsync(
            MaintainerActions.ProductPath("gadget", "all").Insert(0, "/hangfire"), content: null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, host.TotalJobs());
    }

    [Fact]
    public async Task RightCredentials_ShowRecurringJobsByReadableName()
    {
        using var client = host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);
        using var response = await client.GetAsync("/hangfire/recurring", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var product in new[] { "widget", "gadget" })
        {
            foreach (var stage in new[] { "move", "votes", "rice", "roadmap" })
            {
                Assert.Contains($"product:{product}:{stage}", page, StringComparison.Ordinal);
                Assert.Contains($"Product {product}: {stage}", page, StringComparison.Ordinal);
            }
        }

        Assert.Contains($">{MaintainerPage.Title}<", page, StringComparison.Ordinal); // the menu entry
    }

    [Fact]
    public async Task SecondUser_GetsIn()
    {
        using var client = host.Client("bob", "bobs-password");
        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
