using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// Which issue a duplicate was closed into, as project and number: the canonical may live in another project (GitLab's
/// <c>_links.closed_as_duplicate_of</c> is built from the canonical's own project; GitHub's <c>duplicate_issue_id</c>
/// takes any issue the user can read), so a bare number would name the wrong issue.
/// </summary>
public static partial class Duplicates
{
    /// <summary>
    /// The canonical issue from the latest "Duplicate of …" comment (GitHub's convention and its UI's text), written as
    /// <c>#N</c> (this repository), <c>owner/repo#N</c> or the issue's web URL on <paramref name="webRoot"/>; or null.
    /// </summary>
    public static IssueRef? FromComments(IEnumerable<TrackerComment> comments, ProjectRef project, Uri webRoot)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(webRoot);
        IssueRef? found = null;
        foreach (var comment in comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id))
        {
            if (DuplicateOf().Match(comment.Body) is not { Success: true } m)
            {
                continue;
            }

            var reference = m.Groups["ref"].Value;
            if (reference.StartsWith(webRoot.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                reference = WebIssue().Match(reference[webRoot.ToString().Length..]) is { Success: true } web
                    ? $"{web.Groups["path"].Value}#{web.Groups["number"].Value}"
                    : string.Empty;
            }

            if (ShortReference().Match(reference) is { Success: true } r && long.TryParse(r.Groups["number"].ValueSpan, out var number) && number > 0)
            {
                var path = r.Groups["path"].Success ? r.Groups["path"].Value : project.Path;
                found = new IssueRef(new ProjectRef(project.Tracker, path), number);
            }
        }

        return found;
    }

    /// <summary>The issue a closed issue was closed into (see <see cref="ITrackerClient.GetDuplicateTargetAsync"/>), or null.</summary>
    public static async Task<IssueRef?> CanonicalOfAsync(ITrackerClient client, ProjectRef project, TrackerIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(issue);
        return issue.State == IssueState.Closed ? await client.GetDuplicateTargetAsync(project.Path, issue, cancellationToken) : null;
    }

    /// <summary>
    /// The public issue whose demand a duplicate's voters join: the canonical itself when it is in the public project; the
    /// public copy when it is a private source issue IssueSync moved here; none when it is anywhere else (another product's
    /// project or one IssueSync does not manage: crediting a same-numbered issue here would be wrong), which is noted in
    /// <paramref name="elsewhere"/>.
    /// </summary>
    internal static long? PublicNumberOf(
        IssueRef? canonical, ProjectRef project, IReadOnlyDictionary<long, IssueRef> sourceOf, long duplicate, IDictionary<long, IssueRef> elsewhere)
    {
        if (canonical is null)
        {
            return null;
        }

        if (Duplicates.SameProject(canonical.Project, project))
        {
            return canonical.Number;
        }

        foreach (var (copy, source) in sourceOf)
        {
            if (source.Number == canonical.Number && Duplicates.SameProject(source.Project, canonical.Project))
            {
                return copy;
            }
        }

        elsewhere[duplicate] = canonical;
        return null;
    }

    /// <summary>Whether two references name the same project (paths are case-insensitive on both trackers).</summary>
    public static bool SameProject(ProjectRef a, ProjectRef b) =>
        string.Equals(a.Tracker, b.Tracker, StringComparison.Ordinal) && string.Equals(a.Path, b.Path, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?im)^\s*duplicate of\s+(?<ref>\S+)")]
    private static partial Regex DuplicateOf();

    [GeneratedRegex(@"^(?:(?<path>[\w.-]+/[\w.-]+))?#(?<number>\d+)(?=$|[^\w])")]
    private static partial Regex ShortReference();

    [GeneratedRegex(@"^(?<path>[\w.-]+/[\w.-]+)/issues/(?<number>\d+)(?=$|[^\w])")]
    private static partial Regex WebIssue();
}
