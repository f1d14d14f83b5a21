using System.Globalization;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// Incremental listing over an inclusive <c>updated_after</c>/<c>since</c> bound: the cursor keeps the newest
/// <c>updated_at</c> seen and the ids seen at exactly that instant, so issues updated in the same second as the
/// cursor are neither missed nor counted twice.
/// </summary>
public static class IncrementalCursor
{
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
        var atNewest = changed.Where(i => i.UpdatedAt == newest).Select(IdOf);
        if (cursor?.UpdatedAt == newest)
        {
            atNewest = atNewest.Concat(cursor.SeenAtUpdatedAt);
        }

        return new SyncCursor(scope, newest, [.. atNewest.Distinct().Order(StringComparer.Ordinal)], now);
    }

    private static string IdOf(TrackerIssue issue) => issue.Id.ToString(CultureInfo.InvariantCulture);
}
