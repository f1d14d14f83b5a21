using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

internal static class GitLabIssueMapper
{
    public static TrackerIssue ToIssue(GitLabIssueDto dto, string trackerName, string projectPath) => new()
    {
        Ref = new IssueRef(new ProjectRef(trackerName, projectPath), dto.Iid),
        Id = dto.Id,
        Title = dto.Title,
        Body = dto.Description ?? string.Empty,
        State = dto.State switch
        {
            "opened" => IssueState.Open,
            "closed" => IssueState.Closed,
            _ => throw new TrackerProtocolException(trackerName, $"issue {projectPath}#{dto.Iid} has unknown state '{dto.State}'"),
        },
        Labels = dto.Labels ?? [],
        Milestone = dto.Milestone?.Title,
        MilestoneDueDate = dto.Milestone?.DueDate,
        Author = new TrackerUser(dto.Author.Username, dto.Author.Id),
        CreatedAt = dto.CreatedAt,
        UpdatedAt = dto.UpdatedAt,
        ClosedAt = dto.ClosedAt,
        WebUrl = dto.WebUrl ?? string.Empty,
        Confidential = dto.Confidential,
        Upvotes = dto.Upvotes,
        Downvotes = dto.Downvotes,
        CommentCount = dto.UserNotesCount,
        Weight = dto.Weight,
        MovedToId = dto.MovedToId,
        DuplicateOf = dto.Links?.ClosedAsDuplicateOf,
        DuplicateTarget = SameProjectDuplicate(dto, trackerName, projectPath),
    };

    /// <summary>The canonical when the duplicate link names this issue's own project (by id or path), else null.</summary>
    private static IssueRef? SameProjectDuplicate(GitLabIssueDto dto, string trackerName, string projectPath) =>
        GitLabTrackerClient.DuplicateLink(dto.Links?.ClosedAsDuplicateOf) is { } link
        && ((dto.ProjectId > 0 && link.Project == GitLabTrackerClient.Id(dto.ProjectId))
            || string.Equals(link.Project, projectPath.Trim('/'), StringComparison.OrdinalIgnoreCase))
            ? new IssueRef(new ProjectRef(trackerName, projectPath), link.Iid)
            : null;

    public static string StateParameter(IssueStateFilter state) => state switch
    {
        IssueStateFilter.Open => "opened",
        IssueStateFilter.Closed => "closed",
        _ => "all",
    };
}
