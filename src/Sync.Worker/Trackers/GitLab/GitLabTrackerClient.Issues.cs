using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>/projects/:id/issues: list, get, create and the single-request edit.</summary>
internal sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(
        string projectPath,
        IssueQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var issues = ListAllAsync<GitLabIssueDto>(ProjectSegment(projectPath) + "/issues", ListQuery(query), $"issues of {projectPath}", cancellationToken);
        await foreach (var dto in issues.ConfigureAwait(false))
        {
            yield return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
        }
    }

    public async Task<IssuePage> ListIssuePageAsync(string projectPath, IssueQuery query, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (items, hasMore) = await ReadPageAsync<GitLabIssueDto>(
            ProjectSegment(projectPath) + "/issues", ListQuery(query), page, $"issues of {projectPath}", cancellationToken).ConfigureAwait(false);
        var issues = items.Select(dto => GitLabIssueMapper.ToIssue(dto, Name, projectPath)).ToList();
        return new IssuePage(issues, issues.Count > 0 ? issues[^1].UpdatedAt : null, hasMore);
    }

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var dto = await SendAsync<GitLabIssueDto>(HttpMethod.Get, IssueSegment(projectPath, number), (JsonObject?)null, $"issue {projectPath}#{number}", cancellationToken)
            .ConfigureAwait(false);
        return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
    }

    public async Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        BodyLimits.GitLab.EnsureFits(Name, $"new issue in {projectPath}", issue.Body, isComment: false);
        var dto = await SendAsync<GitLabIssueDto>(
            HttpMethod.Post, ProjectSegment(projectPath) + "/issues", GitLabIssueRequests.Create(issue), $"new issue in {projectPath}", cancellationToken)
            .ConfigureAwait(false);
        return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
    }

    /// <summary>
    /// One PUT carrying only the changed fields. An edit that changes nothing on GitLab (all fields null, no
    /// milestone clearing; <see cref="IssueEdit.StateReason"/> alone is GitHub-only) throws
    /// <see cref="ArgumentException"/> without sending anything: callers decide whether they need a fresh GET.
    /// </summary>
    public async Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        // GitLab checks the limit on create only (Issuable#description_max_length_for_new_records_is_valid); an edit is held
        // to it all the same, so no text IssueSync writes depends on that leniency.
        ArgumentNullException.ThrowIfNull(edit);
        BodyLimits.GitLab.EnsureFits(Name, $"issue {projectPath}#{number}", edit.Body, isComment: false);
        var body = GitLabIssueRequests.Edit(edit);
        var dto = await SendAsync<GitLabIssueDto>(HttpMethod.Put, IssueSegment(projectPath, number), body, $"issue {projectPath}#{number}", cancellationToken)
            .ConfigureAwait(false);
        return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
    }

    /// <summary>Issue listing parameters (without <c>per_page</c>, which the pager adds).</summary>
    internal static string ListQuery(IssueQuery query)
    {
        var parameters = new List<string>
        {
            "state=" + GitLabIssueMapper.StateParameter(query.State),
            "order_by=updated_at",
            "sort=asc",
        };
        if (query.Labels is { Count: > 0 } labels)
        {
            parameters.Add("labels=" + Uri.EscapeDataString(string.Join(',', labels)));
        }

        if (query.UpdatedSince is { } since)
        {
            parameters.Add("updated_after=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }

        return string.Join('&', parameters);
    }
}
