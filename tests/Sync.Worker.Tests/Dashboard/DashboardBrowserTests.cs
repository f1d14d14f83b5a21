using Sync.Worker.Tests.Direction;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The protected dashboard in a real headless Chromium (located and skipped by the shared <see cref="Chromium"/>).</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardBrowserTests(ProtectedDashboardHost host) : IClassFixture<ProtectedDashboardHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Chromium_WithCredentialsInTheUrl_SeesTheRecurringJobs()
    {
        var dom = await DumpDomAsync($"{ProtectedDashboardHost.User}:{ProtectedDashboardHost.Password}@");

        foreach (var product in new[] { "widget", "gadget" })
        {
            Assert.Contains($"product:{product}:move", dom, StringComparison.Ordinal);
            Assert.Contains($"Product {product}: roadmap", dom, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chromium_WithoutCredentials_SeesNoJobs()
    {
        var dom = await DumpDomAsync(string.Empty);

        Assert.DoesNotContain("product:", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Product widget", dom, StringComparison.Ordinal);
    }

    private async Task<string> DumpDomAsync(string userInfo)
    {
        var chromium = Chromium.Require();
        var dir = Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!;
        var url = $"http://{userInfo}{host.BaseAddress.Authority}/hangfire/recurring";
        return await Chromium.RunAsync(chromium, Path.Combine(dir, "profile"), Timeout, TestContext.Current.CancellationToken, "--dump-dom", url);
    }
}
