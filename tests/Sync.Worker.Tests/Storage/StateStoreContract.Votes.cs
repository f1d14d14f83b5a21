using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    private VoteSnapshot Snapshot(DateTimeOffset at, int up = 5, int down = 1, double weighted = 4.5, int voters = 6, string issue = "gitlab:a/b#1") =>
        new(Product, issue, at, up, down, weighted, voters);

    [Fact]
    public async Task AddVoteSnapshot_First_IsWrittenAndRoundTrips()
    {
        var snapshot = Snapshot(T0, weighted: 0.1 + 0.2);

        Assert.True(await Store.AddVoteSnapshotAsync(snapshot, Ct));

        Assert.Equal([snapshot], await Store.ListVoteSnapshotsAsync(Product, snapshot.Issue, T0, Ct));
    }

    [Fact]
    public async Task AddVoteSnapshot_WithSameCountsAsLatest_IsNotWritten()
    {
        await Store.AddVoteSnapshotAsync(Snapshot(T0), Ct);

        Assert.False(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(1)), Ct));

        Assert.Single(await Store.ListVoteSnapshotsAsync(Product, "gitlab:a/b#1", T0.AddDays(-1), Ct));
    }

    [Fact]
    public async Task AddVoteSnapshot_WhenAnyCountChanges_IsWritten()
    {
        await Store.AddVoteSnapshotAsync(Snapshot(T0), Ct);

        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(1), up: 6), Ct));
        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(2), up: 6, down: 2), Ct));
        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(3), up: 6, down: 2, weighted: 4.75), Ct));
        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(4), up: 6, down: 2, weighted: 4.75, voters: 7), Ct));

        Assert.Equal(5, (await Store.ListVoteSnapshotsAsync(Product, "gitlab:a/b#1", T0, Ct)).Count);
    }

    [Fact]
    public async Task AddVoteSnapshot_SameCountsAsAnOlderButNotTheLatest_IsWritten()
    {
        await Store.AddVoteSnapshotAsync(Snapshot(T0, up: 1), Ct);
        await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(1), up: 2), Ct);

        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0.AddHours(2), up: 1), Ct));
    }

    [Fact]
    public async Task AddVoteSnapshot_DedupeIsPerIssue()
    {
        await Store.AddVoteSnapshotAsync(Snapshot(T0, issue: "gitlab:a/b#1"), Ct);

        Assert.True(await Store.AddVoteSnapshotAsync(Snapshot(T0, issue: "gitlab:a/b#2"), Ct));
    }

    [Fact]
    public async Task ListVoteSnapshots_IncludesOneTakenExactlyAtSince_OldestFirst()
    {
        var early = Snapshot(T0, up: 1);
        var atSince = Snapshot(T0.AddHours(1), up: 2);
        var late = Snapshot(T0.AddHours(2), up: 3);
        await Store.AddVoteSnapshotAsync(late, Ct);
        await Store.AddVoteSnapshotAsync(early, Ct);
        await Store.AddVoteSnapshotAsync(atSince, Ct);

        var listed = await Store.ListVoteSnapshotsAsync(Product, "gitlab:a/b#1", T0.AddHours(1), Ct);

        Assert.Equal([atSince, late], listed);
    }

    [Fact]
    public async Task ListVoteSnapshots_ComparesInstantsNotOffsets()
    {
        var snapshot = Snapshot(T0);
        await Store.AddVoteSnapshotAsync(snapshot, Ct);

        // Same instant written in UTC (T0 carries +02:00); a text or local-time comparison would miss it.
        var listed = await Store.ListVoteSnapshotsAsync(Product, snapshot.Issue, T0.ToUniversalTime(), Ct);
        var later = await Store.ListVoteSnapshotsAsync(Product, snapshot.Issue, T0.ToOffset(TimeSpan.FromHours(-5)).AddTicks(10), Ct);

        Assert.Equal([snapshot], listed);
        Assert.Empty(later);
    }

    [Fact]
    public async Task GetVoteSnapshotAt_ReturnsLatestTakenAtOrBefore()
    {
        var first = Snapshot(T0, up: 1);
        var second = Snapshot(T0.AddHours(1), up: 2);
        await Store.AddVoteSnapshotAsync(first, Ct);
        await Store.AddVoteSnapshotAsync(second, Ct);

        Assert.Null(await Store.GetVoteSnapshotAtAsync(Product, first.Issue, T0.AddTicks(-10), Ct));
        Assert.Equal(first, await Store.GetVoteSnapshotAtAsync(Product, first.Issue, T0, Ct));
        Assert.Equal(first, await Store.GetVoteSnapshotAtAsync(Product, first.Issue, T0.AddMinutes(59), Ct));
        Assert.Equal(second, await Store.GetVoteSnapshotAtAsync(Product, first.Issue, T0.AddHours(1), Ct));
        Assert.Equal(second, await Store.GetVoteSnapshotAtAsync(Product, first.Issue, T0.AddYears(1), Ct));
        Assert.Null(await Store.GetVoteSnapshotAtAsync(Product, "gitlab:a/b#404", T0.AddYears(1), Ct));
    }

    [Fact]
    public async Task AddVoteSnapshot_SameCountsFromManyInstancesAtOnce_WritesOnce()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => Database.CreateStore()).ToList();

        var written = await Task.WhenAll(stores.Select((s, i) =>
            Task.Run(() => s.AddVoteSnapshotAsync(Snapshot(T0.AddSeconds(i)), Ct), Ct)));

        Assert.Single(written, w => w);
        Assert.Single(await Store.ListVoteSnapshotsAsync(Product, "gitlab:a/b#1", T0, Ct));
    }
}
