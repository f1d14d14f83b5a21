using Sync.Core.Trackers;

namespace Sync.Core.Inventory;

/// <summary>
/// An incremental listing paged by its bound instead of by offset. GitHub's issue list pages only by <c>page</c>; GitLab
/// offers keyset paging for project issues only since 18.3 (<c>doc/api/rest/_index.md</c>, "Supported resources"), and
/// IssueSync supports older instances, so it does not depend on it. An offset page drifts: an issue updated between two
/// page requests moves to the end of the <c>updated_at</c> order, every later issue slides one place towards the
/// start, and the one that slides from page 2 onto page 1 is never seen; the cursor would then pass it for good.
/// <para>
/// So each further page is a fresh first page whose inclusive lower bound (<c>updated_after</c> / <c>since</c>) is the
/// <c>updated_at</c> of the last item seen: an issue moved or deleted behind the bound cannot shift anything past it.
/// What the new page repeats at its bound is skipped. Only while a whole page shares one <c>updated_at</c> (the bound
/// cannot advance) are the next pages taken by offset under that bound. The next-page headers only say whether more
/// exist. Cost: one request per page as before, except that each further page repeats the item(s) at its bound, so
/// a listing of more than 100 issues can take one page more than ceil(k/100) (k = 200: 3, k = 10,000: 101).
/// </para>
/// <para>
/// On GitHub every bound is asked one second early, since <c>since</c> may be exclusive
/// (<see cref="IncrementalCursor.BoundSlack"/>); the repeats that brings are skipped the same way.
/// </para>
/// <para>
/// An issue updated during the listing is met twice; the newer copy replaces the older one (moved to the end, so the
/// list stays in <c>updated_at</c> order).
/// </para>
/// </summary>
public static class KeysetIssueListing
{
    public static async Task<List<TrackerIssue>> ListAsync(
        ITrackerClient client, string projectPath, DateTimeOffset? lowerBound, CancellationToken cancellationToken)
    {
        var listed = new List<TrackerIssue>();
        var seenAt = new Dictionary<long, DateTimeOffset>();
        var bound = lowerBound;
        var page = 1;
        while (true)
        {
            var result = await client.ListIssuePageAsync(projectPath, new IssueQuery(IssueStateFilter.All, null, bound), page, cancellationToken);
            foreach (var issue in result.Issues)
            {
                if (seenAt.TryGetValue(issue.Id, out var at))
                {
                    if (at >= issue.UpdatedAt)
                    {
                        continue; // the repeat at the bound
                    }

                    listed.RemoveAll(i => i.Id == issue.Id);
                }

                seenAt[issue.Id] = issue.UpdatedAt;
                listed.Add(issue);
            }

            if (!result.HasMore || result.LastUpdatedAt is not { } last)
            {
                return listed;
            }

            // GitHub's bound is asked one second early (IncrementalCursor.BoundSlack), so what the page ends at is repeated.
            var next = last - IncrementalCursor.BoundSlack(client.Kind);
            if (next == bound)
            {
                page++; // a full page the bound cannot get past: only the offset can go on
            }
            else
            {
                (bound, page) = (next, 1);
            }
        }
    }
}
