using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// Which issue a duplicate was closed into: GitLab links it (<c>_links.closed_as_duplicate_of</c>, an API URL ending in
/// <c>/issues/&lt;iid&gt;</c>); GitHub closes it with <c>state_reason: duplicate</c> after a "Duplicate of #N" comment.
/// </summary>
public static partial class Duplicates
{
    /// <summary>The canonical issue number from a GitLab duplicate link, or null.</summary>
    public static long? FromLink(string? link) =>
        link is not null && LinkNumber().Match(link) is { Success: true } m && long.TryParse(m.Groups[1].ValueSpan, out var number) ? number : null;

    /// <summary>The canonical issue number from GitHub's "Duplicate of #N" comment (the latest such comment wins), or null.</summary>
    public static long? FromComments(IEnumerable<TrackerComment> comments)
    {
        long? found = null;
        foreach (var comment in comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id))
        {
            if (DuplicateOf().Match(comment.Body) is { Success: true } m && long.TryParse(m.Groups[1].ValueSpan, out var number))
            {
                found = number;
            }
        }

        return found;
    }

    /// <summary>The issue a closed issue was closed into (GitLab: its link; GitHub: its "Duplicate of #N" comment), or null.</summary>
    public static async Task<long?> CanonicalOfAsync(ITrackerClient client, ProjectRef project, TrackerIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.State != IssueState.Closed)
        {
            return null;
        }

        if (client.Kind == TrackerKind.GitLab)
        {
            return FromLink(issue.DuplicateOf);
        }

        return string.Equals(issue.StateReason, "duplicate", StringComparison.OrdinalIgnoreCase)
            ? FromComments(await client.ListCommentsAsync(project.Path, issue.Ref.Number, cancellationToken).ToListAsync(cancellationToken))
            : null;
    }

    [GeneratedRegex(@"/issues/(\d+)/?$")]
    private static partial Regex LinkNumber();

    [GeneratedRegex(@"(?im)^\s*duplicate of #(\d+)\b")]
    private static partial Regex DuplicateOf();
}
