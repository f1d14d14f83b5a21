using Sync.Core.Publishing;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Tests.Observability;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Moving;

/// <summary>The worker's wiring: every writer's registry puts the final text check in front of each public project.</summary>
[Collection(HostCollection.Name)]
public sealed class PublicWriteGuardHostTests
{
    [Fact]
    public async Task Host_WriteToAPublicProjectThatStillHoldsASecret_IsRefusedBeforeAnyRequest()
    {
        await using var worker = await SandboxWorker.StartAsync();
        await worker.WaitForStartupJobsAsync();
        var registry = worker.Host.Services.GetRequiredService<ITrackerRegistry>();
        var counter = worker.Host.Services.GetRequiredService<RequestCounter>();
        Assert.IsType<GuardedTrackerRegistry>(registry);
        var token = "ghp" + "_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

        foreach (var product in worker.Host.Services.GetRequiredService<ProductCatalog>().All)
        {
            var before = counter.Snapshot().TotalFor(product.Public.Tracker);
            var client = registry.Get(product.Public.Tracker);

            var refused = await Assert.ThrowsAsync<PublicWriteRefusedException>(() =>
                client.CreateCommentAsync(product.Public.Path, 1, $"leaked {token} and cc @someone", isInternal: false, TestContext.Current.CancellationToken));

            Assert.Contains("comment: github-pat", refused.Broken);
            Assert.Contains("comment: mention", refused.Broken);
            Assert.DoesNotContain(token, refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, counter.Snapshot().TotalFor(product.Public.Tracker));
        }
    }
}
