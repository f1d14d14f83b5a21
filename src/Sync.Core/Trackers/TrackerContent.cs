namespace Sync.Core.Trackers;

/// <summary>
/// A comment as both trackers map it: a GitLab note or a GitHub issue comment. GitHub has neither system
/// nor internal comments, so both flags are false there.
/// </summary>
public sealed record TrackerComment
{
    /// <summary>Tracker id of the comment (GitLab note id, GitHub comment id).</summary>
    public required long Id { get; init; }

    public required string Body { get; init; }

    public required TrackerUser Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>GitLab system note ("changed the description", "closed"...). Never copied anywhere.</summary>
    public bool System { get; init; }

    /// <summary>GitLab internal note (<c>internal</c> or the older <c>confidential</c> flag). Never made public.</summary>
    public bool Internal { get; init; }
}

/// <summary>
/// One emoji reaction: a GitLab award emoji (<see cref="Name"/> like <c>thumbsup_tone3</c>) or a GitHub
/// reaction (<see cref="Name"/> is the <c>content</c>, like <c>+1</c> or <c>rocket</c>).
/// </summary>
public sealed record TrackerReaction(long Id, string Name, TrackerUser User, DateTimeOffset CreatedAt);

/// <param name="Color">Always <c>#RRGGBB</c> in the port; adapters add or strip the <c>#</c> as their API wants.</param>
public sealed record TrackerLabel(string Name, string Color, string? Description = null);

/// <param name="Id">GitLab milestone <c>id</c>; GitHub milestone <c>number</c> (what each API takes on an issue).</param>
public sealed record TrackerMilestone(long Id, string Title, bool Closed = false, DateOnly? DueDate = null, string? Description = null);

/// <summary>A file uploaded to a GitLab project: its project-relative URL and ready-made Markdown.</summary>
public sealed record TrackerUpload(string Url, string Markdown);

/// <summary>A GitLab issue board and its label lists in position order.</summary>
public sealed record TrackerBoard(long Id, string Name, IReadOnlyList<string> ListLabels);

/// <summary>What a new issue carries. Labels missing in the project are created by the tracker or the adapter.</summary>
public sealed record NewIssue(
    string Title,
    string Body,
    IReadOnlyList<string>? Labels = null,
    long? MilestoneId = null,
    bool Confidential = false);

/// <summary>A partial edit: null fields are left as they are.</summary>
/// <param name="StateReason">GitHub <c>state_reason</c> (<c>completed</c>, <c>not_planned</c>, <c>duplicate</c>); ignored by GitLab.</param>
public sealed record IssueEdit(
    string? Title = null,
    string? Body = null,
    IReadOnlyList<string>? AddLabels = null,
    IReadOnlyList<string>? RemoveLabels = null,
    long? MilestoneId = null,
    bool ClearMilestone = false,
    IssueState? State = null,
    string? StateReason = null);
