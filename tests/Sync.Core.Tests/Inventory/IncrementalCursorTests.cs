using Sync.Core.Inventory;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Inventory;

public sealed class IncrementalCursorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static TrackerIssue Issue(long id, DateTimeOffset updated) => new()
    {
        Ref = new IssueRef(new ProjectRef("dev", "acme/widget"), id),
        Id = id,
        Title = $"Issue {id}",
        State = IssueState.Open,
        Author = new TrackerUser("alice", 1),
        CreatedAt = T0.AddDays(-1),
        UpdatedAt = updated,
    };

    [Fact]
    public void IsChanged_WithoutCursor_EverythingIsChanged()
    {
        Assert.True(IncrementalCursor.IsChanged(null, Issue(1, T0)));
    }

    [Fact]
    public void Advance_TwoIssuesInTheSameSecond_SecondArrivingLaterIsNotMissed()
    {
        // First pass sees issue 1 at T0; issue 2 is updated at the very same instant after the listing ran.
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0)], T0.AddSeconds(3), TrackerKind.GitHub);

        Assert.False(IncrementalCursor.IsChanged(cursor, Issue(1, T0)));
        Assert.True(IncrementalCursor.IsChanged(cursor, Issue(2, T0)));

        var next = IncrementalCursor.Advance(cursor, "s", [Issue(2, T0)], T0.AddSeconds(5), TrackerKind.GitHub);
        Assert.Equal(T0, next.UpdatedAt);
        Assert.Equal(["1", "2"], next.SeenAtUpdatedAt);
        Assert.False(IncrementalCursor.IsChanged(next, Issue(2, T0)));
    }

    [Fact]
    public void Advance_NewerIssue_MovesTheBoundAndForgetsOlderIds()
    {
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0), Issue(2, T0)], T0.AddSeconds(3), TrackerKind.GitHub);

        var next = IncrementalCursor.Advance(cursor, "s", [Issue(3, T0.AddSeconds(1))], T0.AddSeconds(4), TrackerKind.GitHub);

        Assert.Equal(T0.AddSeconds(1), next.UpdatedAt);
        Assert.Equal(["3"], next.SeenAtUpdatedAt);
        Assert.True(IncrementalCursor.IsChanged(next, Issue(1, T0.AddSeconds(2))));
        Assert.False(IncrementalCursor.IsChanged(next, Issue(1, T0)));
    }

    [Fact]
    public void Advance_NothingChanged_KeepsTheBound()
    {
        var cursor = new SyncCursor("s", T0, ["9"], T0);

        var next = IncrementalCursor.Advance(cursor, "s", [], T0.AddHours(1), TrackerKind.GitHub);

        Assert.Equal(T0, next.UpdatedAt);
        Assert.Equal(["9"], next.SeenAtUpdatedAt);
        Assert.Equal(T0.AddHours(1), next.SavedAt);
    }

    [Fact]
    public void NextLowerBound_RecentCursor_StaysInclusive()
    {
        var cursor = new SyncCursor("s", T0, ["1"], T0.AddMinutes(1));

        Assert.Equal(T0, IncrementalCursor.NextLowerBound(cursor, TrackerKind.GitLab));
        Assert.Equal(T0, IncrementalCursor.NextLowerBound(cursor, TrackerKind.GitHub));
    }

    [Fact]
    public void NextLowerBound_SettledCursor_StartsOneTimestampUnitLater()
    {
        var cursor = new SyncCursor("s", T0, ["1"], T0 + IncrementalCursor.SettleMargin + TimeSpan.FromSeconds(1));

        Assert.Equal(T0.AddMilliseconds(1), IncrementalCursor.NextLowerBound(cursor, TrackerKind.GitLab));
        Assert.Equal(T0.AddSeconds(1), IncrementalCursor.NextLowerBound(cursor, TrackerKind.GitHub));
    }

    [Fact]
    public void NextLowerBound_WithoutCursor_ListsEverything()
    {
        Assert.Null(IncrementalCursor.NextLowerBound(null, TrackerKind.GitLab));
        Assert.Null(IncrementalCursor.NextLowerBound(new SyncCursor("s", null, [], T0), TrackerKind.GitHub));
    }

    [Fact]
    public void Advance_ListedInTheSameSecondAsTheUpdate_MarksNothingSeen_SoALaterSameSecondChangeIsNotMissed()
    {
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0)], T0.AddMilliseconds(400), TrackerKind.GitHub);

        Assert.Empty(cursor.SeenAtUpdatedAt);
        Assert.True(IncrementalCursor.IsChanged(cursor, Issue(1, T0))); // updated again within the same second: re-checked
    }

    [Fact]
    public void Advance_GitLabIssuesListedWithinTheTouchWindow_AreListedAgainFromTheOldest()
    {
        // Listed 30 s after issue 1's label change: a note in the next 30 s would not move its updated_at.
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0), Issue(2, T0.AddSeconds(10))], T0.AddSeconds(30), TrackerKind.GitLab);

        Assert.Equal(T0, cursor.UpdatedAt);
        Assert.Empty(cursor.SeenAtUpdatedAt);
        Assert.Equal(T0, IncrementalCursor.NextLowerBound(cursor, TrackerKind.GitLab));
        Assert.True(IncrementalCursor.IsChanged(cursor, Issue(1, T0)));
        Assert.True(IncrementalCursor.IsChanged(cursor, Issue(2, T0.AddSeconds(10))));
    }

    [Fact]
    public void Advance_GitLabIssuesListedAfterTheTouchWindow_AreFinal()
    {
        var now = T0 + IncrementalCursor.TouchWindow(TrackerKind.GitLab);

        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0.AddSeconds(-5)), Issue(2, T0)], now, TrackerKind.GitLab);

        Assert.Equal(T0, cursor.UpdatedAt);
        Assert.Equal(["2"], cursor.SeenAtUpdatedAt);
        Assert.False(IncrementalCursor.IsChanged(cursor, Issue(2, T0)));
    }

    [Fact]
    public void Advance_GitHubIssueListedWithinAMinute_IsFinalOnceTheSameSecondHasPassed()
    {
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0)], T0.AddSeconds(30), TrackerKind.GitHub);

        Assert.Equal(["1"], cursor.SeenAtUpdatedAt);
    }

    [Fact]
    public void Advance_SavedLongAfterAListingThatRanInsideTheTouchWindow_StillListsTheIssueAgain()
    {
        // The step took ten minutes between its listing and saving the cursor; the note window is judged at the listing.
        var cursor = IncrementalCursor.Advance(null, "s", [Issue(1, T0)], T0.AddMinutes(10), TrackerKind.GitLab, listedAt: T0.AddSeconds(30));

        Assert.Equal(T0, cursor.UpdatedAt);
        Assert.Empty(cursor.SeenAtUpdatedAt);
    }
}
