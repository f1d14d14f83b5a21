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
/// GitHub), so k changed issues cost exactly ceil(k/100) pages. The margin also absorbs clock skew between
/// IssueSync and the tracker.
/// </para>
/// </summary>
public static class IncrementalCursor
{
    public static readonly TimeSpan SettleMargin = TimeSpan.FromMinutes(5);

    /// <summary>More than GitHub's 1 s timestamp resolution: a listing this close to an update may not see its successor.</summary>
    public static readonly TimeSpan SameInstantGuard = TimeSpan.FromSeconds(2);

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

    /// <summary>The smallest step of the tracker's <c>updated_at</c> (GitLab: milliseconds; GitHub: seconds).</summary>
    public static TimeSpan Resolution(TrackerKind kind) =>
        kind == TrackerKind.GitHub ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(1);

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
    public static SyncCursor Advance(SyncCursor? cursor, string scope, IReadOnlyCollection<TrackerIssue> changed, DateTimeOffset now)
    {
        if (changed.Count == 0)
        {
            return cursor is null ? new SyncCursor(scope, null, [], now) : cursor with { SavedAt = now };
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
