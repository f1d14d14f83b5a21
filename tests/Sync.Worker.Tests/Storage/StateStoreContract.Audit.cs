using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task AppendAudit_ThenList_RoundTripsFieldsDryRunAndAssignsAnId()
    {
        var entry = new AuditEntry(T0, Product, AuditActions.Create, "github:acme/widget#7", "Created from gitlab:acme/widget#12", DryRun: true);

        await Store.AppendAuditAsync(entry, Ct);

        var stored = Assert.Single(await Store.ListAuditAsync(Product, 10, Ct));
        Assert.Equal(entry with { Id = stored.Id }, stored);
        Assert.True(stored.DryRun);
        Assert.True(stored.Id > 0);
    }

    [Fact]
    public async Task ListAudit_ReturnsNewestFirstWithIncreasingIds()
    {
        await Store.AppendAuditAsync(new AuditEntry(T0.AddMinutes(1), Product, AuditActions.Comment, "t", "second"), Ct);
        await Store.AppendAuditAsync(new AuditEntry(T0, Product, AuditActions.Create, "t", "first"), Ct);
        await Store.AppendAuditAsync(new AuditEntry(T0.AddMinutes(2), Product, AuditActions.Close, "t", "third"), Ct);
        await Store.AppendAuditAsync(new AuditEntry(T0.AddMinutes(2), Product, AuditActions.Label, "t", "third, appended later"), Ct);

        var listed = await Store.ListAuditAsync(Product, 10, Ct);

        Assert.Equal(["third, appended later", "third", "second", "first"], listed.Select(e => e.Detail));
        Assert.True(listed[0].Id > listed[1].Id);
        Assert.False(listed[0].DryRun);
    }

    [Fact]
    public async Task ListAudit_ReturnsAtMostLimitNewestEntries()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(i), Product, AuditActions.Edit, "t", $"e{i}"), Ct);
        }

        Assert.Equal(["e4", "e3"], (await Store.ListAuditAsync(Product, 2, Ct)).Select(e => e.Detail));
        Assert.Empty(await Store.ListAuditAsync(Product, 0, Ct));
    }

    [Fact]
    public async Task ListAudit_FiltersByProductAndNullListsEveryProduct()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        var store = empty.CreateStore();
        await store.MigrateAsync(Ct);
        await store.AppendAuditAsync(new AuditEntry(T0, "alpha", AuditActions.Create, "t", "a1"), Ct);
        await store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(1), "beta", AuditActions.Redaction, "t", "b1"), Ct);
        await store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(2), "alpha", AuditActions.Upload, "t", "a2"), Ct);

        Assert.Equal(["a2", "a1"], (await store.ListAuditAsync("alpha", 10, Ct)).Select(e => e.Detail));
        Assert.Equal(["b1"], (await store.ListAuditAsync("beta", 10, Ct)).Select(e => e.Detail));
        Assert.Equal(["a2", "b1", "a1"], (await store.ListAuditAsync(null, 10, Ct)).Select(e => e.Detail));
        Assert.Empty(await store.ListAuditAsync("gamma", 10, Ct));
    }
}
