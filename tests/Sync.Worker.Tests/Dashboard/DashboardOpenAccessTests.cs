using System.Net;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>No users configured: loopback only, as before; and what a failed job shows.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardOpenAccessTests(OpenDashboardHost host) : IClassFixture<OpenDashboardHost>
{
    [Fact]
    public async Task NoUsers_LoopbackGetsInWithoutCredentials()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/hangfire/recurring", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Product widget: move", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")] // DNS rebinding: a page whose name resolves to 127.0.0.1
    [InlineData("127.0.0.1.evil.example")]
    public async Task NoUsers_LoopbackRequestNamingAnotherHost_Is403(string name)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        request.Headers.Host = $"{name}:{host.BaseAddress.Port}";
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task NoUsers_RequestForwardedByAProxyOnThisHost_Is403()
    {
        // A TLS sidecar or mesh proxy connects over loopback on behalf of an outside client.
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task FailedJobPage_ShowsTheTrackerErrorAndNotTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.Client();
        using var response = await client.PostAsync("/hangfire/issuesync/products/gadget/all", content: null, ct);
        var jobId = ActionRedirect.JobId(response);

        var details = await host.WaitForStateAsync(jobId, "Failed", ct);
        var failed = details.History.First(h => h.StateName == "Failed");
        Assert.Contains("rejected the token", failed.Data["ExceptionMessage"], StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/hangfire/jobs/details/{jobId}", ct);
        Assert.Contains("Product gadget: all", page, StringComparison.Ordinal);
        Assert.Contains("Tracker 'gitlab' rejected the token (401 Unauthorized)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(OpenDashboardHost.WrongToken, page, StringComparison.Ordinal);
    }
}
