using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

/// <summary>
/// Behaviour every <see cref="IStateStore"/> must have. Derived classes only say how to get a database.
/// Keys are unique per test so dialects may share one database across a class.
/// </summary>
public abstract partial class StateStoreContract : IAsyncLifetime
{
    // Whole microseconds (ticks divisible by 10), the finest precision both dialects keep, and a non-UTC offset.
    protected static readonly DateTimeOffset T0 =
        new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(2)).AddTicks(5_358_970);

    private IStoreDatabase? database;

    protected string Product { get; } = "product-" + Guid.NewGuid().ToString("N")[..12];

    protected IStateStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IStoreDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The database most tests use (may be shared by the class, never by two classes).</summary>
    protected abstract ValueTask<IStoreDatabase> OpenTestDatabaseAsync();

    /// <summary>A brand-new empty database, for tests that need one to themselves.</summary>
    protected abstract ValueTask<IStoreDatabase> CreateEmptyDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        database = await OpenTestDatabaseAsync();
        Store = database.CreateStore();
        await Store.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Ping_OnMigratedStore_ReturnsTrue()
    {
        Assert.True(await Store.PingAsync(Ct));
    }

    [Fact]
    public async Task Timestamps_RoundTripToTheMicrosecondAsTheSameInstantInUtc()
    {
        var at = T0.AddTicks(1_230); // a further 123 µs, so sub-millisecond digits must survive
        var key = Unique("key");
        await Store.SaveCachedResponseAsync(new CachedResponse(key, "e", "b", at), Ct);

        var stored = await Store.GetCachedResponseAsync(key, Ct);

        Assert.NotNull(stored);
        Assert.Equal(at.UtcTicks, stored.SavedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.SavedAt.Offset);
    }
}
