using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task GetCursor_WhenAbsent_ReturnsNull()
    {
        Assert.Null(await Store.GetCursorAsync(Unique("list"), Ct));
    }

    [Fact]
    public async Task SaveCursor_ThenGet_RoundTripsTimesAndSeenIdsInOrder()
    {
        var scope = Unique("list:dev:acme/widget");
        var cursor = new SyncCursor(scope, T0, ["42", "7", "id with \"quotes\" and ünïcode"], T0.AddSeconds(3));

        await Store.SaveCursorAsync(cursor, Ct);

        var stored = await Store.GetCursorAsync(scope, Ct);
        Assert.NotNull(stored);
        Assert.Equal(scope, stored.Scope);
        Assert.Equal(cursor.UpdatedAt, stored.UpdatedAt);
        Assert.Equal(cursor.SeenAtUpdatedAt, stored.SeenAtUpdatedAt);
        Assert.Equal(cursor.SavedAt, stored.SavedAt);
    }

    [Fact]
    public async Task SaveCursor_WithNullUpdatedAtAndNoSeenIds_RoundTrips()
    {
        var scope = Unique("list");

        await Store.SaveCursorAsync(new SyncCursor(scope, null, [], T0), Ct);

        var stored = await Store.GetCursorAsync(scope, Ct);
        Assert.NotNull(stored);
        Assert.Null(stored.UpdatedAt);
        Assert.Empty(stored.SeenAtUpdatedAt);
        Assert.Equal(T0, stored.SavedAt);
    }

    [Fact]
    public async Task SaveCursor_Twice_ReplacesTheCursor()
    {
        var scope = Unique("list");
        await Store.SaveCursorAsync(new SyncCursor(scope, T0, ["1", "2"], T0), Ct);

        await Store.SaveCursorAsync(new SyncCursor(scope, T0.AddMinutes(1), ["3"], T0.AddMinutes(2)), Ct);

        var stored = await Store.GetCursorAsync(scope, Ct);
        Assert.NotNull(stored);
        Assert.Equal(T0.AddMinutes(1), stored.UpdatedAt);
        Assert.Equal(["3"], stored.SeenAtUpdatedAt);
        Assert.Equal(T0.AddMinutes(2), stored.SavedAt);
    }

    [Fact]
    public async Task GetCachedResponse_WhenAbsent_ReturnsNull()
    {
        Assert.Null(await Store.GetCachedResponseAsync(Unique("GET /x"), Ct));
    }

    [Fact]
    public async Task SaveCachedResponse_ThenGet_RoundTripsEveryField()
    {
        var response = new CachedResponse(Unique("GET /repos/acme/widget/issues?page=1"), "W/\"abc\"", "[{\"id\":1}]", T0);

        await Store.SaveCachedResponseAsync(response, Ct);

        Assert.Equal(response, await Store.GetCachedResponseAsync(response.Key, Ct));
    }

    [Fact]
    public async Task SaveCachedResponse_SameKeyTwice_OverwritesETagBodyAndTime()
    {
        var key = Unique("GET /x");
        await Store.SaveCachedResponseAsync(new CachedResponse(key, "\"v1\"", "old", T0), Ct);
        var newer = new CachedResponse(key, "\"v2\"", "new", T0.AddHours(1));

        await Store.SaveCachedResponseAsync(newer, Ct);

        Assert.Equal(newer, await Store.GetCachedResponseAsync(key, Ct));
    }
}
