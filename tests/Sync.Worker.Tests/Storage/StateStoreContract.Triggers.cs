using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    private TriggerRequest Request(string stage, DateTimeOffset at, params string[] issues) => new(Product, stage, issues, at, at);

    [Fact]
    public async Task AddTrigger_WhenNonePending_CreatesItQueuedWithNoJob()
    {
        var added = await Store.AddTriggerAsync(Request("rice", T0, "github:acme/widget#3"), Ct);

        Assert.True(added.Created);
        Assert.Equal(1, added.Deliveries);
        Assert.Equal(TriggerRun.Unarmed, added.Run);
        Assert.Equal(T0.UtcTicks, added.RunSince.UtcTicks);
        var stored = Assert.Single(await Store.ListTriggersAsync(Product, Ct));
        Assert.Equal(("rice", 1, T0.UtcTicks, T0.UtcTicks), (stored.Stage, stored.Deliveries, stored.FirstAt.UtcTicks, stored.LastAt.UtcTicks));
        Assert.Equal(["github:acme/widget#3"], stored.Issues);
    }

    [Fact]
    public async Task AddTrigger_WhenPending_MergesDeliveriesIssuesAndWidensTheTimes()
    {
        await Store.AddTriggerAsync(Request("rice", T0.AddMinutes(1), "github:acme/widget#3"), Ct);

        var second = await Store.AddTriggerAsync(Request("rice", T0, "github:acme/widget#3", "github:acme/widget#10"), Ct);
        var third = await Store.AddTriggerAsync(new TriggerRequest(Product, "rice", [], T0.AddMinutes(2), T0.AddMinutes(3), Deliveries: 5), Ct);

        Assert.False(second.Created);
        Assert.False(third.Created);
        Assert.Equal(7, third.Deliveries);
        var stored = Assert.Single(await Store.ListTriggersAsync(Product, Ct));
        Assert.Equal(7, stored.Deliveries);
        Assert.Equal(["github:acme/widget#10", "github:acme/widget#3"], stored.Issues);
        Assert.Equal(T0.UtcTicks, stored.FirstAt.UtcTicks);
        Assert.Equal(T0.AddMinutes(3).UtcTicks, stored.LastAt.UtcTicks);
    }

    [Fact]
    public async Task AddTrigger_FromManyInstancesAtOnce_CreatesItOnceAndCountsEveryRequest()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Database.CreateStore()).ToList();

        // Eight instances at once, each sending its 25 requests one after the other (eight connections, not 200).
        var added = (await Task.WhenAll(stores.Select((s, i) => Task.Run(async () =>
        {
            var results = new List<TriggerAdded>();
            foreach (var n in Enumerable.Range(0, 25))
            {
                results.Add(await s.AddTriggerAsync(Request("move", T0.AddSeconds(n), $"dev:acme/widget#{((i * 25) + n) % 40 + 1}"), Ct));
            }

            return results;
        }, Ct)))).SelectMany(r => r).ToList();

        Assert.Single(added, a => a.Created);
        var stored = Assert.Single(await Store.ListTriggersAsync(Product, Ct));
        Assert.Equal(200, stored.Deliveries);
        Assert.Equal(40, stored.Issues.Count);
    }

    [Fact]
    public async Task AddTrigger_ForAnotherStage_IsAnotherTrigger()
    {
        Assert.True((await Store.AddTriggerAsync(Request("move", T0), Ct)).Created);
        Assert.True((await Store.AddTriggerAsync(Request("rice", T0), Ct)).Created);

        Assert.Equal(["move", "rice"], (await Store.ListTriggersAsync(Product, Ct)).Select(t => t.Stage));
    }

    [Fact]
    public async Task SetTriggerRun_WritesOnlyOverTheExpectedRun()
    {
        await Store.AddTriggerAsync(Request("votes", T0), Ct);
        var queued = new TriggerRun(TriggerState.Queued, "17");

        Assert.False(await Store.SetTriggerRunAsync(Product, "votes", new TriggerRun(TriggerState.Queued, "16"), queued, T0, Ct));
        Assert.True(await Store.SetTriggerRunAsync(Product, "votes", TriggerRun.Unarmed, queued, T0.AddSeconds(1), Ct));
        Assert.False(await Store.SetTriggerRunAsync(Product, "votes", TriggerRun.Unarmed, queued, T0, Ct));
        Assert.True(await Store.SetTriggerRunAsync(Product, "votes", queued, new TriggerRun(TriggerState.Waiting, "17"), T0.AddSeconds(2), Ct));

        var stored = Assert.Single(await Store.ListTriggersAsync(Product, Ct));
        Assert.Equal(new TriggerRun(TriggerState.Waiting, "17"), stored.Run);
        Assert.Equal(T0.AddSeconds(2).UtcTicks, stored.RunSince.UtcTicks);
        Assert.False(await Store.SetTriggerRunAsync(Product, "rice", TriggerRun.Unarmed, queued, T0, Ct));
    }

    [Fact]
    public async Task SetTriggerRun_FromManyInstancesWithTheSameExpectation_ExactlyOneWins()
    {
        await Store.AddTriggerAsync(Request("votes", T0), Ct);
        var stores = Enumerable.Range(0, 8).Select(_ => Database.CreateStore()).ToList();

        var won = await Task.WhenAll(stores.Select((s, i) => Task.Run(
            () => s.SetTriggerRunAsync(Product, "votes", TriggerRun.Unarmed, new TriggerRun(TriggerState.Queued, $"arming:{i}"), T0, Ct), Ct)));

        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task TakeTriggers_RemovesAndReturnsTheGivenStagesOnly_AndTheNextRequestStartsAfresh()
    {
        await Store.AddTriggerAsync(Request("votes", T0, "github:acme/widget#1"), Ct);
        await Store.AddTriggerAsync(Request("votes", T0.AddSeconds(1), "github:acme/widget#2"), Ct);
        await Store.AddTriggerAsync(Request("rice", T0, "github:acme/widget#3"), Ct);
        await Store.AddTriggerAsync(Request("move", T0, "dev:acme/widget#4"), Ct);

        var taken = await Store.TakeTriggersAsync(Product, ["votes", "rice", "roadmap"], Ct);

        Assert.Equal(["rice", "votes"], taken.Select(t => t.Stage));
        Assert.Equal(["github:acme/widget#1", "github:acme/widget#2"], taken[1].Issues);
        Assert.Equal(2, taken[1].Deliveries);
        Assert.Equal(["move"], (await Store.ListTriggersAsync(Product, Ct)).Select(t => t.Stage));
        Assert.Empty(await Store.TakeTriggersAsync(Product, ["votes"], Ct));

        var again = await Store.AddTriggerAsync(Request("votes", T0.AddMinutes(1), "github:acme/widget#5"), Ct);
        Assert.True(again.Created);
        Assert.Equal(["github:acme/widget#5"], Assert.Single(await Store.TakeTriggersAsync(Product, ["votes"], Ct)).Issues);
    }

    [Fact]
    public async Task TakeTriggers_WhileRequestsArriveFromOtherInstances_LosesNoneAndCountsNoneTwice()
    {
        const int Requests = 160;
        var adders = Enumerable.Range(0, 4).Select(_ => Database.CreateStore()).ToList();
        var taker = Database.CreateStore();
        var taken = new List<PendingTrigger>();
        using var done = new CancellationTokenSource();

        var adding = Task.WhenAll(adders.Select((s, a) => Task.Run(
            async () =>
            {
                for (var n = 0; n < Requests / adders.Count; n++)
                {
                    await s.AddTriggerAsync(Request("rice", T0, $"github:acme/widget#{(a * 1000) + n}"), Ct);
                }
            },
            Ct)));
        var taking = Task.Run(
            async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    taken.AddRange(await taker.TakeTriggersAsync(Product, ["rice"], Ct));
                }
            },
            Ct);
        await adding;
        await done.CancelAsync();
        await taking;
        taken.AddRange(await Store.TakeTriggersAsync(Product, ["rice"], Ct));

        Assert.Equal(Requests, taken.Sum(t => t.Deliveries));
        var issues = taken.SelectMany(t => t.Issues).ToList();
        Assert.Equal(Requests, issues.Count);
        Assert.Equal(Requests, issues.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ListTriggers_OfEveryProduct_IncludesEachByProductThenStage()
    {
        var other = Product + "-b";
        await Store.AddTriggerAsync(new TriggerRequest(other, "move", [], T0, T0), Ct);
        await Store.AddTriggerAsync(Request("votes", T0), Ct);
        await Store.AddTriggerAsync(Request("all", T0), Ct);

        var mine = (await Store.ListTriggersAsync(null, Ct)).Where(t => t.Product.StartsWith(Product, StringComparison.Ordinal));

        Assert.Equal([(Product, "all"), (Product, "votes"), (other, "move")], mine.Select(t => (t.Product, t.Stage)));
    }

    [Fact]
    public async Task GetLease_ShowsTheHolderAndExpiry_AndNothingOnceReleased()
    {
        var name = Unique("lease");
        Assert.Null(await Store.GetLeaseAsync(name, Ct));
        await Store.TryAcquireLeaseAsync(name, "worker-a", T0, TimeSpan.FromMinutes(2), Ct);

        var lease = await Store.GetLeaseAsync(name, Ct);

        Assert.NotNull(lease);
        Assert.Equal(("worker-a", T0.AddMinutes(2).UtcTicks), (lease.Owner, lease.ExpiresAt.UtcTicks));
        Assert.True(lease.IsHeldAt(T0.AddMinutes(1)));
        Assert.False(lease.IsHeldAt(T0.AddMinutes(2)));
        await Store.ReleaseLeaseAsync(name, "worker-a", Ct);
        Assert.Null(await Store.GetLeaseAsync(name, Ct));
    }
}
