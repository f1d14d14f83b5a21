using Sync.Core.Storage;

namespace Sync.Core.Tests.Storage;

/// <summary>A step's state view writes through to the stores, and in a dry run drops every write (vote snapshots included).</summary>
public sealed class StepStateViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly VoteSnapshot Snapshot = new("p", "gitlab:acme/w#1", Now, 3, 0, 3, 3);
    private static readonly StoredDocument Document = new("p", "demand", "gitlab:acme/w#1", "{}", Now);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writes_ReachTheStoresOnlyOutsideADryRun(bool dryRun)
    {
        var stores = new Stores();
        var state = StepState.For(stores, stores, stores, dryRun);
        var ct = TestContext.Current.CancellationToken;

        var written = await state.AddVoteSnapshotAsync(Snapshot, ct);
        await state.SaveDocumentsAsync([Document], ct);
        await state.DeleteDocumentsAsync("p", "demand", ["x"], ct);
        await state.SaveCursorAsync(new SyncCursor("scope", Now, [], Now), ct);
        await state.SaveCachedResponseAsync(new CachedResponse("k", "etag", "{}", Now), ct);

        Assert.Equal(!dryRun, written);
        Assert.Equal(dryRun ? 0 : 5, stores.Writes);
    }

    [Fact]
    public async Task AddVoteSnapshot_WithoutAHistory_Throws()
    {
        var stores = new Stores();
        var state = StepState.For(stores, stores, dryRun: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => state.AddVoteSnapshotAsync(Snapshot, TestContext.Current.CancellationToken));
        Assert.Equal(0, stores.Writes);
    }

    private sealed class Stores : ICursorStore, IDocumentStore, IVoteHistory
    {
        public int Writes { get; private set; }

        public Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken) => Task.FromResult<SyncCursor?>(null);

        public Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken) => Write();

        public Task<CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken) => Task.FromResult<CachedResponse?>(null);

        public Task SaveCachedResponseAsync(CachedResponse response, CancellationToken cancellationToken) => Write();

        public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string product, string kind, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredDocument>>([]);

        public Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken) => Write();

        public Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Write();

        public async Task<bool> AddVoteSnapshotAsync(VoteSnapshot snapshot, CancellationToken cancellationToken)
        {
            await Write();
            return true;
        }

        public Task<IReadOnlyList<VoteSnapshot>> ListVoteSnapshotsAsync(string product, string issue, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<VoteSnapshot>>([]);

        public Task<VoteSnapshot?> GetVoteSnapshotAtAsync(string product, string issue, DateTimeOffset at, CancellationToken cancellationToken) =>
            Task.FromResult<VoteSnapshot?>(null);

        private Task Write()
        {
            Writes++;
            return Task.CompletedTask;
        }
    }
}
