using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// <c>_links.closed_as_duplicate_of</c> is built from the canonical issue's own project id
/// (<c>lib/api/entities/issue.rb</c>: <c>api_v4_project_issue_path(id: issue.duplicated_to.project_id, issue_iid:
/// issue.duplicated_to.iid)</c>), so it may name another project; only then is that project read to learn its path.
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    public async Task<IssueRef?> GetDuplicateTargetAsync(string projectPath, TrackerIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.DuplicateTarget is { } known)
        {
            return known;
        }

        if (DuplicateLink(issue.DuplicateOf) is not { } link)
        {
            return null;
        }

        try
        {
            var project = await SendAsync<GitLabProjectDto>(
                HttpMethod.Get, "projects/" + Uri.EscapeDataString(link.Project), (JsonObject?)null, $"project {link.Project} (canonical of {issue.Ref})", cancellationToken)
                .ConfigureAwait(false);
            return new IssueRef(new ProjectRef(Name, project.PathWithNamespace), link.Iid);
        }
        catch (Exception ex) when (ex is TrackerNotFoundException or TrackerForbiddenException)
        {
            // GitLab only links a canonical the token can read; one it can no longer read is nobody's to credit.
            return null;
        }
    }

    /// <summary>The project (numeric id, or a URL-encoded path) and iid an API issue URL names, or null.</summary>
    internal static (string Project, long Iid)? DuplicateLink(string? link) =>
        link is not null && IssueLink().Match(link) is { Success: true } m && long.TryParse(m.Groups["iid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var iid)
            ? (Uri.UnescapeDataString(m.Groups["project"].Value), iid)
            : null;

    [GeneratedRegex(@"/projects/(?<project>[^/?#]+)/issues/(?<iid>\d+)/?$")]
    private static partial Regex IssueLink();
}

internal sealed record GitLabProjectDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("path_with_namespace")] string PathWithNamespace);
