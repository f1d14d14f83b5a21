using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

/// <summary>The dashboard's reads: pages of the move ledger and of the audit log, filtered.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task QueryMoves_ListsNewestChangeFirstAndPagesWithACursor()
    {
        var a = Move(Product, "gitlab:a/b#1", MoveState.Completed, null, T0.AddMinutes(1));
        var b = Move(Product, "gitlab:a/b#2", MoveState.TargetCreated, null, T0.AddMinutes(3));
        var c = Move(Product, "gitlab:a/b#3", MoveState.Intent, "HTTP 502", T0.AddMinutes(2));
        // Same instant as b: ties go by product, then source issue, descending and ordinal ("B" < "a" ordinally,
        // the other way round in most linguistic collations).
        var d = Move(Product, "gitlab:a/B#4", MoveState.Intent, null, T0.AddMinutes(3));
        foreach (var move in new[] { a, b, c, d })
        {
            await Store.SaveMoveAsync(move, Ct);
        }

        var first = await Store.QueryMovesAsync(new MoveQuery(Product, null, 3), Ct);
        Assert.Equal([b, d, c], first);

        var next = await Store.QueryMovesAsync(new MoveQuery(Product, null, 3, Cursor(first[^1])), Ct);
        Assert.Equal([a], next);
        Assert.Equal([c, a], await Store.QueryMovesAsync(new MoveQuery(Product, null, 10, Cursor(d)), Ct));
        Assert.Empty(await Store.QueryMovesAsync(new MoveQuery(Product, null, 10, Cursor(a)), Ct));
        Assert.Empty(await Store.QueryMovesAsync(new MoveQuery(Product, null, 0), Ct));
    }

    [Fact]
    public async Task QueryMoves_FiltersByStatus()
    {
        var done = Move(Product, "gitlab:a/b#1", MoveState.Completed, null, T0);
        var inProgress = Move(Product, "gitlab:a/b#2", MoveState.CommentsCopied, null, T0.AddSeconds(1));
        var failed = Move(Product, "gitlab:a/b#3", MoveState.TargetCreated, "HTTP 502 from github", T0.AddSeconds(2));
        var parked = Move(Product, "gitlab:a/b#4", MoveState.Intent, MoveRecord.ParkedPrefix + "no longer labelled public", T0.AddSeconds(3));
        var gaveUp = Move(Product, "gitlab:a/b#5", MoveState.Intent, MoveRecord.GaveUpPrefix + "5 failed attempts", T0.AddSeconds(4));
        // "Parked" only as a prefix of exactly this spelling; anything else is a plain failure.
        var failedLikeParked = Move(Product, "gitlab:a/b#6", MoveState.Intent, "Parked: upper case is not the prefix", T0.AddSeconds(5));
        foreach (var move in new[] { done, inProgress, failed, parked, gaveUp, failedLikeParked })
        {
            await Store.SaveMoveAsync(move, Ct);
        }

        Assert.Equal([done], await Store.QueryMovesAsync(new MoveQuery(Product, MoveStatus.Done, 10), Ct));
        Assert.Equal([inProgress], await Store.QueryMovesAsync(new MoveQuery(Product, MoveStatus.InProgress, 10), Ct));
        Assert.Equal([failedLikeParked, failed], await Store.QueryMovesAsync(new MoveQuery(Product, MoveStatus.Failed, 10), Ct));
        Assert.Equal([gaveUp, parked], await Store.QueryMovesAsync(new MoveQuery(Product, MoveStatus.Parked, 10), Ct));
        Assert.Equal(
            [MoveStatus.Done, MoveStatus.InProgress, MoveStatus.Failed, MoveStatus.Parked, MoveStatus.Parked, MoveStatus.Failed],
            new[] { done, inProgress, failed, parked, gaveUp, failedLikeParked }.Select(m => m.Status));
        Assert.Equal([failed], await Store.QueryMovesAsync(new MoveQuery(Product, MoveStatus.Failed, 10, Cursor(failedLikeParked)), Ct));
    }

    [Fact]
    public async Task QueryMoves_WithoutProduct_ListsEveryProduct()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        var store = empty.CreateStore();
        await store.MigrateAsync(Ct);
        var alpha = Move("alpha", "gitlab:a/b#1", MoveState.Completed, null, T0);
        var beta = Move("beta", "gitlab:a/b#1", MoveState.Intent, "boom", T0.AddSeconds(1));
        var alphaFailed = Move("alpha", "gitlab:a/b#2", MoveState.Intent, "bang", T0.AddSeconds(1));
        foreach (var move in new[] { alpha, beta, alphaFailed })
        {
            await store.SaveMoveAsync(move, Ct);
        }

        Assert.Equal([beta, alphaFailed, alpha], await store.QueryMovesAsync(new MoveQuery(null, null, 10), Ct));
        Assert.Equal([beta, alphaFailed], await store.QueryMovesAsync(new MoveQuery(null, MoveStatus.Failed, 10), Ct));
        Assert.Equal([alphaFailed, alpha], await store.QueryMovesAsync(new MoveQuery("alpha", null, 10), Ct));
        Assert.Equal([alpha], await store.QueryMovesAsync(new MoveQuery(null, null, 10, Cursor(alphaFailed)), Ct));
    }

    [Fact]
    public async Task QueryAudit_ListsNewestIdFirstFiltersAndPagesById()
    {
        await using var empty = await CreateEmptyDatabaseAsync();
        var store = empty.CreateStore();
        await store.MigrateAsync(Ct);
        await store.AppendAuditAsync(new AuditEntry(T0, "alpha", AuditActions.Create, "t1", "a1"), Ct);
        await store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(1), "beta", AuditActions.Create, "t2", "b1", DryRun: true), Ct);
        // An entry stamped earlier but appended later is still newer by id.
        await store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(-5), "alpha", AuditActions.Redaction, "t3", "a2"), Ct);
        await store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(3), "alpha", AuditActions.Create, "t4", "a3"), Ct);

        var all = await store.QueryAuditAsync(new AuditQuery(null, null, 10), Ct);
        Assert.Equal(["a3", "a2", "b1", "a1"], all.Select(e => e.Detail));
        Assert.True(all[1].Id < all[0].Id && all[2].Id < all[1].Id && all[3].Id < all[2].Id);
        Assert.Equal(new AuditEntry(T0.AddSeconds(1), "beta", AuditActions.Create, "t2", "b1", DryRun: true) { Id = all[2].Id }, all[2]);

        Assert.Equal(["a3", "a2", "a1"], (await store.QueryAuditAsync(new AuditQuery("alpha", null, 10), Ct)).Select(e => e.Detail));
        Assert.Equal(["a3", "b1", "a1"], (await store.QueryAuditAsync(new AuditQuery(null, AuditActions.Create, 10), Ct)).Select(e => e.Detail));
        Assert.Equal(["a3", "a1"], (await store.QueryAuditAsync(new AuditQuery("alpha", AuditActions.Create, 10), Ct)).Select(e => e.Detail));

        var page = await store.QueryAuditAsync(new AuditQuery(null, null, 2), Ct);
        Assert.Equal(["a3", "a2"], page.Select(e => e.Detail));
        var older = await store.QueryAuditAsync(new AuditQuery(null, null, 2, page[^1].Id), Ct);
        Assert.Equal(["b1", "a1"], older.Select(e => e.Detail));
        Assert.Empty(await store.QueryAuditAsync(new AuditQuery(null, null, 2, older[^1].Id), Ct));
        Assert.Equal(["a1"], (await store.QueryAuditAsync(new AuditQuery("alpha", AuditActions.Create, 5, all[0].Id), Ct)).Select(e => e.Detail));
        Assert.Empty(await store.QueryAuditAsync(new AuditQuery("gamma", null, 5), Ct));
    }

    private static MoveRecord Move(string product, string source, MoveState state, string? error, DateTimeOffset updatedAt) =>
        new(product, source, state, state >= MoveState.TargetCreated ? "github:a/b#9" : null, null, error, error is null ? 0 : 2, T0.AddDays(-1), updatedAt);

    private static MoveCursor Cursor(MoveRecord move) => new(move.UpdatedAt, move.Product, move.SourceIssue);
}
