using System.Globalization;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// Incremental listing over the trackers' inclusive <c>updated_after</c> (GitLab) / <c>since</c> (GitHub) bound.
/// The cursor keeps the newest <c>updated_at</c> seen, the ids seen at exactly that instant and when the listing
/// ran (<see cref="SyncCursor.SavedAt"/>, our clock).
/// <para>
/// While the cursor is recent, an issue may still appear with exactly the cursor's timestamp (two updates in the
/// same second, or a write committed a moment late), so the next listing starts AT the cursor and skips the ids
/// already seen there. Once the listing ran more than <see cref="SettleMargin"/> after the cursor instant, nothing
/// new can appear at or before it, and the next listing starts one timestamp unit later (1 ms on GitLab, 1 s on
/// GitHub), so an idle listing is one empty page (the pages of a longer one: <see cref="KeysetIssueListing"/>). The
/// margin also absorbs clock skew between IssueSync and the tracker.
/// </para>
/// <para>
/// GitLab throttles the touch a note gives its issue (<c>app/models/concerns/throttled_touch.rb</c>,
/// <c>TOUCH_INTERVAL = 1.minute</c>): a note saved within a minute of the issue's <c>updated_at</c> leaves it unchanged,
/// so an issue listed less than <see cref="TouchWindow"/> after its update is not final yet. The cursor then stays at
/// the oldest such issue with nothing marked seen, and the next listing returns it (and what follows it) again. An issue
/// listed later than that is final: any note after the listing moves its <c>updated_at</c>.
/// </para>
/// </summary>
public static class IncrementalCursor
{
    public static readonly TimeSpan SettleMargin = TimeSpan.FromMinutes(5);

    /// <summary>More than GitHub's 1 s timestamp resolution: a listing this close to an update may not see its successor.</summary>
    public static readonly TimeSpan SameInstantGuard = TimeSpan.FromSeconds(2);

    /// <summary>GitLab's <c>ThrottledTouch::TOUCH_INTERVAL</c>.</summary>
    public static readonly TimeSpan GitLabTouchInterval = TrackerTraits.GitLabTouchInterval;

    /// <summary>Clock skew between IssueSync and the tracker allowed for when judging whether the touch interval has passed.</summary>
    public static readonly TimeSpan ClockSkewMargin = TrackerTraits.ClockSkewMargin;

    /// <summary>
    /// How long after its <c>updated_at</c> a listed issue may still gain a note without changing <c>updated_at</c>:
    /// GitLab's touch interval plus the skew margin. GitHub documents no such throttle (an assumption: zero).
    /// </summary>
    public static TimeSpan TouchWindow(TrackerKind kind) => TrackerTraits.For(kind).TouchWindow;

    /// <summary>The inclusive lower bound for the next listing; null lists everything.</summary>
    public static DateTimeOffset? NextLowerBound(SyncCursor? cursor, TrackerKind kind)
    {
        if (cursor?.UpdatedAt is not { } at)
        {
            return null;
        }

        var settled = cursor.SavedAt - at > SettleMargin;
        return settled ? at + Resolution(kind) : at;
    }

    /// <summary>
    /// How much earlier than the last <c>updated_at</c> seen the next page of one listing asks
    /// (<see cref="KeysetIssueListing"/>). GitLab documents <c>updated_after</c> as "on or after" (<c>doc/api/issues.md</c>):
    /// none. GitHub's <c>since</c> was documented as "at or after" and is now "after the given time" (an assumption
    /// either way): one second early, an issue sharing the page boundary's second comes back under both readings, and
    /// the repeats are skipped. The cursor's own bound does not take it: a settled cursor asked one second early would
    /// re-read every issue of its last second on every pass (a bulk relabel can put hundreds there), so there the
    /// inclusive reading stays an assumption (docs/tracker-behaviour.md).
    /// </summary>
    public static TimeSpan BoundSlack(TrackerKind kind) => TrackerTraits.For(kind).ListingBoundSlack;

    /// <summary>The smallest step of the tracker's <c>updated_at</c> (GitLab: milliseconds; GitHub: seconds).</summary>
    public static TimeSpan Resolution(TrackerKind kind) => TrackerTraits.For(kind).UpdatedAtResolution;

    public static bool IsChanged(SyncCursor? cursor, TrackerIssue issue)
    {
        if (cursor?.UpdatedAt is not { } bound)
        {
            return true;
        }

        return issue.UpdatedAt > bound
            || (issue.UpdatedAt == bound && !cursor.SeenAtUpdatedAt.Contains(IdOf(issue)));
    }

    /// <summary>The cursor after <paramref name="changed"/> issues were processed.</summary>
    /// <param name="listedAt">When the listing that found <paramref name="changed"/> began; <paramref name="now"/> when not given.</param>
    public static SyncCursor Advance(
        SyncCursor? cursor, string scope, IReadOnlyCollection<TrackerIssue> changed, DateTimeOffset now, TrackerKind kind, DateTimeOffset? listedAt = null)
    {
        if (changed.Count == 0)
        {
            return cursor is null ? new SyncCursor(scope, null, [], now) : cursor with { SavedAt = now };
        }

        // Still inside the touch window: a note may yet arrive without moving updated_at, so the oldest such issue is
        // where the next listing starts, and none of them is marked seen.
        var window = TouchWindow(kind);
        var listed = listedAt ?? now;
        if (window > TimeSpan.Zero && changed.Where(i => listed - i.UpdatedAt < window).Select(i => (DateTimeOffset?)i.UpdatedAt).Min() is { } unsettled)
        {
            return new SyncCursor(scope, unsettled, [], now);
        }

        var newest = changed.Max(i => i.UpdatedAt);

        // Listed within the same timestamp unit as its newest update, an issue can change again and keep the very
        // same (second-resolution) updated_at: then nothing may be marked seen, and the next listing re-checks it.
        if (now - newest < SameInstantGuard)
        {
            return new SyncCursor(scope, newest, [], now);
        }

        var atNewest = changed.Where(i => i.UpdatedAt == newest).Select(IdOf);
        if (cursor?.UpdatedAt == newest)
        {
            atNewest = atNewest.Concat(cursor.SeenAtUpdatedAt);
        }

        return new SyncCursor(scope, newest, [.. atNewest.Distinct().Order(StringComparer.Ordinal)], now);
    }

    private static string IdOf(TrackerIssue issue) => issue.Id.ToString(CultureInfo.InvariantCulture);
}
