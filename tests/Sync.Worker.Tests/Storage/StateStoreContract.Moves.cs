using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task GetMove_WhenAbsent_ReturnsNull()
    {
        Assert.Null(await Store.GetMoveAsync(Product, "gitlab:a/b#1", Ct));
    }

    [Fact]
    public async Task SaveMove_ThenGet_RoundTripsEveryField()
    {
        var move = new MoveRecord(
            Product, "gitlab:acme/widget#12", MoveState.CommentsCopied, "github:acme/widget#7",
            "https://github.com/acme/widget/issues/7", "HTTP 502 from target", 3, T0, T0.AddMinutes(5).AddTicks(10));

        await Store.SaveMoveAsync(move, Ct);

        Assert.Equal(move, await Store.GetMoveAsync(Product, move.SourceIssue, Ct));
    }

    [Fact]
    public async Task SaveMove_WithNullOptionalFields_RoundTripsNulls()
    {
        var move = new MoveRecord(Product, "gitlab:acme/widget#13", MoveState.Intent, null, null, null, 0, T0, T0);

        await Store.SaveMoveAsync(move, Ct);

        var stored = await Store.GetMoveAsync(Product, move.SourceIssue, Ct);
        Assert.Equal(move, stored);
        Assert.False(stored!.Failed);
    }

    [Fact]
    public async Task SaveMove_Twice_ReplacesTheRecord()
    {
        var first = new MoveRecord(Product, "gitlab:acme/widget#14", MoveState.TargetCreated, "github:acme/widget#1", "https://x/1", "boom", 1, T0, T0);
        var second = first with { State = MoveState.Completed, Error = null, Attempts = 2, TargetUrl = "https://x/2", UpdatedAt = T0.AddHours(1) };

        await Store.SaveMoveAsync(first, Ct);
        await Store.SaveMoveAsync(second, Ct);

        Assert.Equal(second, await Store.GetMoveAsync(Product, first.SourceIssue, Ct));
        Assert.Single(await Store.ListMovesAsync(Product, Ct));
    }

    [Fact]
    public async Task ListMoves_ReturnsOnlyMovesOfThatProduct()
    {
        var other = Unique("other");
        var a = new MoveRecord(Product, "gitlab:a/b#1", MoveState.Intent, null, null, null, 0, T0, T0);
        var b = new MoveRecord(Product, "gitlab:a/b#2", MoveState.Completed, "github:a/b#9", "https://x", null, 1, T0.AddSeconds(1), T0.AddSeconds(2));
        await Store.SaveMoveAsync(a, Ct);
        await Store.SaveMoveAsync(b, Ct);
        await Store.SaveMoveAsync(a with { Product = other }, Ct);

        var moves = await Store.ListMovesAsync(Product, Ct);

        Assert.Equal([a, b], moves);
        Assert.Empty(await Store.ListMovesAsync(Unique("none"), Ct));
    }

    [Fact]
    public async Task RecordIntent_WhenAbsent_InsertsAnIntentRecord()
    {
        var stored = await Store.RecordIntentAsync(Product, "gitlab:a/b#3", T0, Ct);

        var expected = new MoveRecord(Product, "gitlab:a/b#3", MoveState.Intent, null, null, null, 0, T0, T0);
        Assert.Equal(expected, stored);
        Assert.Equal(expected, await Store.GetMoveAsync(Product, "gitlab:a/b#3", Ct));
    }

    [Fact]
    public async Task RecordIntent_WhenARecordExists_ReturnsItUnchanged()
    {
        var existing = new MoveRecord(Product, "gitlab:a/b#4", MoveState.SourceCommented, "github:a/b#5", "https://x/5", "late failure", 2, T0, T0.AddMinutes(1));
        await Store.SaveMoveAsync(existing, Ct);

        var stored = await Store.RecordIntentAsync(Product, existing.SourceIssue, T0.AddDays(1), Ct);

        Assert.Equal(existing, stored);
        Assert.Equal(existing, await Store.GetMoveAsync(Product, existing.SourceIssue, Ct));
    }

    [Fact]
    public async Task RecordIntent_CalledTwice_KeepsTheFirstTimestamp()
    {
        await Store.RecordIntentAsync(Product, "gitlab:a/b#6", T0, Ct);

        var second = await Store.RecordIntentAsync(Product, "gitlab:a/b#6", T0.AddMinutes(10), Ct);

        Assert.Equal(T0, second.CreatedAt);
        Assert.Equal(T0, second.UpdatedAt);
    }

    [Fact]
    public async Task SaveMovedComment_ThenList_ReturnsMappingsOfThatSourceIssueOnly()
    {
        var c1 = new MoveCommentRecord(Product, "gitlab:a/b#1", "note-1", "gh-100", T0);
        var c2 = new MoveCommentRecord(Product, "gitlab:a/b#1", "note-2", "gh-101", T0.AddSeconds(1));
        await Store.SaveMovedCommentAsync(c1, Ct);
        await Store.SaveMovedCommentAsync(c2, Ct);
        await Store.SaveMovedCommentAsync(c1 with { SourceIssue = "gitlab:a/b#2" }, Ct);
        await Store.SaveMovedCommentAsync(c1 with { Product = Unique("other") }, Ct);

        var comments = await Store.ListMovedCommentsAsync(Product, "gitlab:a/b#1", Ct);

        Assert.Equal([c1, c2], comments);
        Assert.Empty(await Store.ListMovedCommentsAsync(Product, "gitlab:a/b#404", Ct));
    }

    [Fact]
    public async Task SaveMovedComment_SameSourceCommentTwice_ReplacesTargetId()
    {
        var first = new MoveCommentRecord(Product, "gitlab:a/b#1", "note-1", "gh-100", T0);
        await Store.SaveMovedCommentAsync(first, Ct);
        await Store.SaveMovedCommentAsync(first with { TargetCommentId = "gh-200" }, Ct);

        var comment = Assert.Single(await Store.ListMovedCommentsAsync(Product, "gitlab:a/b#1", Ct));

        Assert.Equal("gh-200", comment.TargetCommentId);
    }

    [Fact]
    public async Task RecordIntent_FromManyInstancesAtOnce_StoresOneRecordEveryoneSees()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => Database.CreateStore()).ToList();

        var results = await Task.WhenAll(stores.Select((s, i) =>
            Task.Run(() => s.RecordIntentAsync(Product, "gitlab:a/b#race", T0.AddSeconds(i), Ct), Ct)));

        Assert.Single(results.Select(r => r.CreatedAt).Distinct());
        Assert.Single(await Store.ListMovesAsync(Product, Ct));
    }
}
