using System.Diagnostics;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Control;

public sealed class LatencyTests
{
    [Fact]
    public async Task Latency_DelaysEveryTrackerRequestByAtLeastTheSetAmount()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLab);
        (await client.GetAsync("user", TestContext.Current.CancellationToken)).Dispose();
        server.Control.LatencyMs = 150;

        var watch = Stopwatch.StartNew();
        (await client.GetAsync("user", TestContext.Current.CancellationToken)).Dispose();

        // A lower bound only: it proves the delay is applied without asserting how fast the machine is.
        Assert.True(watch.ElapsedMilliseconds >= 140, $"{watch.ElapsedMilliseconds} ms");
    }
}
