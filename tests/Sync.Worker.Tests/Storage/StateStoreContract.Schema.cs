using Sync.Core.Storage;
using Sync.Worker.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Migrate_Twice_IsANoOpThatKeepsData()
    {
        var lease = Unique("lease");
        await Store.TryAcquireLeaseAsync(lease, "worker-a", T0, TimeSpan.FromMinutes(5), Ct);

        await Store.MigrateAsync(Ct);
        await Database.CreateStore().MigrateAsync(Ct);

        var sql = (SqlStateStore)Store;
        Assert.Equal(sql.LatestSchemaVersion, await sql.GetSchemaVersionAsync(Ct));
        Assert.False(await Store.TryAcquireLeaseAsync(lease, "worker-b", T0, TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task Migrate_FromManyInstancesAtOnceOnAnEmptyDatabase_AllSucceed()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => empty.CreateStore()).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct), Ct)));

        var sql = (SqlStateStore)stores[0];
        Assert.Equal(sql.LatestSchemaVersion, await sql.GetSchemaVersionAsync(Ct));
        Assert.True(await stores[^1].TryAcquireLeaseAsync(Unique("lease"), "w", T0, TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task Migrate_WhenTheDatabaseSchemaIsNewer_StopsWithAClearError()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        var store = empty.CreateStore();
        await store.MigrateAsync(Ct);
        await empty.ExecuteAsync($"INSERT INTO {empty.SchemaVersionTable} (version) VALUES (9999)", Ct);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => empty.CreateStore().MigrateAsync(Ct));

        Assert.Equal(9999, error.DatabaseVersion);
        Assert.Equal(((SqlStateStore)store).LatestSchemaVersion, error.KnownVersion);
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_BeforeMigrate_StillAnswers()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        IStateStore store = empty.CreateStore();

        Assert.True(await store.PingAsync(Ct));
    }
}
