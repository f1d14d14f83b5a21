using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

internal static class GitHubIssueMapper
{
    /// <summary>
    /// Maps an issue under the repository GitHub names in its <c>url</c> (<c>.../repos/{owner}/{repo}/issues/{n}</c>),
    /// which differs from <paramref name="projectPath"/> when Octokit followed a 301 to a transferred issue (or a renamed
    /// repository). <paramref name="projectPath"/> stands in only when the answer has no readable <c>url</c>.
    /// </summary>
    public static TrackerIssue ToIssue(Issue issue, string trackerName, string projectPath)
    {
        if (issue.User is null || issue.Title is null)
        {
            throw new TrackerProtocolException(trackerName, $"issue {projectPath}#{issue.Number} lacks user or title");
        }

        return new TrackerIssue
        {
            Ref = new IssueRef(new ProjectRef(trackerName, RepositoryPath(issue.Url) ?? projectPath), issue.Number),
            Id = issue.Id,
            Title = issue.Title,
            Body = issue.Body ?? string.Empty,
            State = issue.State.StringValue switch
            {
                "open" => IssueState.Open,
                "closed" => IssueState.Closed,
                var other => throw new TrackerProtocolException(trackerName, $"issue {projectPath}#{issue.Number} has unknown state '{other}'"),
            },
            Labels = issue.Labels?.Select(l => l.Name).ToList() ?? [],
            Milestone = issue.Milestone?.Title,
            MilestoneDueDate = issue.Milestone?.DueOn is { } due ? DateOnly.FromDateTime(due.UtcDateTime) : null,
            Author = new TrackerUser(issue.User.Login, issue.User.Id),
            CreatedAt = issue.CreatedAt,
            UpdatedAt = issue.UpdatedAt ?? issue.CreatedAt,
            ClosedAt = issue.ClosedAt,
            WebUrl = issue.HtmlUrl ?? string.Empty,
            Upvotes = issue.Reactions?.Plus1 ?? 0,
            Downvotes = issue.Reactions?.Minus1 ?? 0,
            CommentCount = issue.Comments,
            StateReason = issue.StateReason?.StringValue,
        };
    }

    /// <summary>True when GitHub answered the issue asked for, not one it redirected to (paths compare without case, as GitHub's do).</summary>
    public static bool IsAt(TrackerIssue issue, string projectPath, long number) =>
        issue.Ref.Number == number && string.Equals(issue.Ref.Project.Path, projectPath.Trim('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary><c>owner/repo</c> from an API URL <c>.../repos/{owner}/{repo}/issues/{n}</c> (any API prefix), or null.</summary>
    public static string? RepositoryPath(string? apiUrl)
    {
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var repos = Array.LastIndexOf(segments, "repos");
        return repos >= 0 && repos + 3 < segments.Length && segments[repos + 3] is "issues" or "pulls"
            ? $"{Uri.UnescapeDataString(segments[repos + 1])}/{Uri.UnescapeDataString(segments[repos + 2])}"
            : null;
    }

    public static ItemStateFilter StateFilter(IssueStateFilter state) => state switch
    {
        IssueStateFilter.Open => ItemStateFilter.Open,
        IssueStateFilter.Closed => ItemStateFilter.Closed,
        _ => ItemStateFilter.All,
    };
}
