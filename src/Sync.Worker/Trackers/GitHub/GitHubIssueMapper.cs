using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

internal static class GitHubIssueMapper
{
    public static TrackerIssue ToIssue(Issue issue, string trackerName, string projectPath)
    {
        if (issue.User is null || issue.Title is null)
        {
            throw new TrackerProtocolException(trackerName, $"issue {projectPath}#{issue.Number} lacks user or title");
        }

        return new TrackerIssue
        {
            Ref = new IssueRef(new ProjectRef(trackerName, projectPath), issue.Number),
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

    public static ItemStateFilter StateFilter(IssueStateFilter state) => state switch
    {
        IssueStateFilter.Open => ItemStateFilter.Open,
        IssueStateFilter.Closed => ItemStateFilter.Closed,
        _ => ItemStateFilter.All,
    };
}
