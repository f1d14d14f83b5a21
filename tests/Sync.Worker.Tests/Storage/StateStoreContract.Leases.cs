namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task TryAcquireLease_WhenFree_Succeeds()
    {
        Assert.True(await Store.TryAcquireLeaseAsync(Unique("lease"), "worker-a", T0, LeaseDuration, Ct));
    }

    [Fact]
    public async Task TryAcquireLease_WhenHeldByAnotherOwner_Fails()
    {
        var name = Unique("lease");
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, LeaseDuration, Ct);

        Assert.False(await Store.TryAcquireLeaseAsync(name, "worker-b", T0.AddMinutes(4), LeaseDuration, Ct));
    }

    [Fact]
    public async Task TryAcquireLease_BySameOwner_RenewsTheExpiry()
    {
        var name = Unique("lease");
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, LeaseDuration, Ct);

        Assert.True(await Store.TryAcquireLeaseAsync(name, "worker-a", T0.AddMinutes(4), LeaseDuration, Ct));

        // The first term would have ended at T0+5m; the renewal runs to T0+9m.
        Assert.False(await Store.TryAcquireLeaseAsync(name, "worker-b", T0.AddMinutes(6), LeaseDuration, Ct));
        Assert.True(await Store.TryAcquireLeaseAsync(name, "worker-b", T0.AddMinutes(9), LeaseDuration, Ct));
    }

    [Fact]
    public async Task TryAcquireLease_OnceExpired_SucceedsForAnotherOwner()
    {
        var name = Unique("lease");
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, LeaseDuration, Ct);

        Assert.False(await Store.TryAcquireLeaseAsync(name, "worker-b", T0 + LeaseDuration - TimeSpan.FromTicks(10), LeaseDuration, Ct));
        Assert.True(await Store.TryAcquireLeaseAsync(name, "worker-b", T0 + LeaseDuration, LeaseDuration, Ct));
        Assert.False(await Store.TryAcquireLeaseAsync(name, "worker-a", T0 + LeaseDuration, LeaseDuration, Ct));
    }

    [Fact]
    public async Task ReleaseLease_ByNonOwner_DoesNothing()
    {
        var name = Unique("lease");
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, LeaseDuration, Ct);

        await Store.ReleaseLeaseAsync(name, "worker-b", Ct);

        Assert.False(await Store.TryAcquireLeaseAsync(name, "worker-b", T0.AddMinutes(1), LeaseDuration, Ct));
    }

    [Fact]
    public async Task ReleaseLease_ByOwner_FreesItForOthers()
    {
        var name = Unique("lease");
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, LeaseDuration, Ct);

        await Store.ReleaseLeaseAsync(name, "worker-a", Ct);

        Assert.True(await Store.TryAcquireLeaseAsync(name, "worker-b", T0.AddMinutes(1), LeaseDuration, Ct));
    }

    [Fact]
    public async Task ReleaseLease_WhenNeverTaken_DoesNothing()
    {
        await Store.ReleaseLeaseAsync(Unique("lease"), "worker-a", Ct);
    }

    [Fact]
    public async Task TryAcquireLease_FromManyInstancesAtOnce_ExactlyOneWins()
    {
        var name = Unique("lease");
        var stores = Enumerable.Range(0, 8).Select(_ => Database.CreateStore()).ToList();

        var won = await Task.WhenAll(stores.Select((s, i) =>
            Task.Run(() => s.TryAcquireLeaseAsync(name, $"worker-{i}", T0, LeaseDuration, Ct), Ct)));

        Assert.Single(won, w => w);
    }
}
