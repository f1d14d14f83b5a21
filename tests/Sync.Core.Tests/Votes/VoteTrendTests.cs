using Sync.Core.Storage;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class VoteTrendTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DemandSignal Current = new(new VoteCounts(20, 2, 21.5, 22), VoteCounts.Zero, []);

    private static VoteSnapshot Snap(DateTimeOffset at, int up, double weighted) =>
        new("widget", "dev:acme/widget#1", at, up, 0, weighted, up);

    private static readonly VoteSnapshot[] History =
    [
        Snap(Now.AddDays(-40), 2, 2),
        Snap(Now.AddDays(-30), 5, 4.5),
        Snap(Now.AddDays(-10), 12, 11),
        Snap(Now.AddDays(-7), 15, 14),
        Snap(Now.AddDays(-1), 19, 20),
    ];

    [Fact]
    public void Change_OverSevenDays_ComparesWithTheSnapshotExactlySevenDaysOld()
    {
        Assert.Equal(new VoteChange(5, 7.5), VoteTrend.Change(History, Current, Now, 7));
    }

    [Fact]
    public void Change_OverThirtyDays_ComparesWithTheLatestSnapshotAtOrBeforeTheCutoff()
    {
        Assert.Equal(new VoteChange(15, 17), VoteTrend.Change(History.Reverse().ToList(), Current, Now, 30));
    }

    [Fact]
    public void Change_WhenNoSnapshotIsOldEnough_IsZero()
    {
        Assert.Equal(VoteChange.None, VoteTrend.Change([Snap(Now.AddDays(-3), 1, 1)], Current, Now, 7));
    }

    [Fact]
    public void Change_WithoutHistory_IsZero()
    {
        Assert.Equal(VoteChange.None, VoteTrend.Change([], Current, Now, 30));
    }

    [Fact]
    public void Change_BetweenSnapshots_UsesTheOlderOne()
    {
        Assert.Equal(new VoteChange(8, 10.5), VoteTrend.Change(History, Current, Now, 8));
    }
}
