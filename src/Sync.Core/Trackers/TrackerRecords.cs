namespace Sync.Core.Trackers;

public enum IssueState
{
    Open,
    Closed,
}

/// <summary>Which issues a listing returns.</summary>
public enum IssueStateFilter
{
    Open,
    Closed,
    All,
}

/// <summary>A user as a tracker names it (GitLab <c>username</c>, GitHub <c>login</c>).</summary>
public sealed record TrackerUser(string Username, long Id);

/// <summary>
/// An issue as both trackers map it. Tracker-specific fields that matter are carried
/// (GitLab confidential, weight, moved_to_id, closed_as_duplicate_of; GitHub state_reason).
/// </summary>
public sealed record TrackerIssue
{
    public required IssueRef Ref { get; init; }

    /// <summary>Tracker-wide id (GitLab <c>id</c>, GitHub <c>id</c>), as opposed to the per-project number.</summary>
    public required long Id { get; init; }

    public required string Title { get; init; }

    public string Body { get; init; } = string.Empty;

    public required IssueState State { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? Milestone { get; init; }

    /// <summary>
    /// The due date of <see cref="Milestone"/> as the issue object embeds it (GitLab <c>milestone.due_date</c>, GitHub
    /// <c>milestone.due_on</c>'s UTC date): a move creates the public milestone with it, at no extra request.
    /// </summary>
    public DateOnly? MilestoneDueDate { get; init; }

    public required TrackerUser Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string WebUrl { get; init; } = string.Empty;

    public bool Confidential { get; init; }

    /// <summary>GitLab <c>upvotes</c> / GitHub <c>reactions["+1"]</c>.</summary>
    public int Upvotes { get; init; }

    /// <summary>GitLab <c>downvotes</c> / GitHub <c>reactions["-1"]</c>.</summary>
    public int Downvotes { get; init; }

    public int CommentCount { get; init; }

    /// <summary>A forum idea (GitHub Discussions) has an accepted answer; false on issue trackers.</summary>
    public bool Answered { get; init; }

    public int? Weight { get; init; }

    public long? MovedToId { get; init; }

    /// <summary>GitHub <c>state_reason</c> (<c>completed</c>, <c>not_planned</c>, <c>duplicate</c>, <c>reopened</c>).</summary>
    public string? StateReason { get; init; }

    /// <summary>GitLab <c>_links.closed_as_duplicate_of</c> URL when set.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>
    /// The canonical issue, when the tracker's answer alone says which (GitLab: <see cref="DuplicateOf"/> names this same
    /// project). A link into another project needs <see cref="ITrackerClient.GetDuplicateTargetAsync"/> to learn its path.
    /// </summary>
    public IssueRef? DuplicateTarget { get; init; }
}

/// <param name="State">Which states to list.</param>
/// <param name="Labels">Issues must carry all of these (empty: no filter).</param>
/// <param name="UpdatedSince">Inclusive lower bound on <c>updated_at</c>; null lists everything.</param>
public sealed record IssueQuery(
    IssueStateFilter State = IssueStateFilter.All,
    IReadOnlyList<string>? Labels = null,
    DateTimeOffset? UpdatedSince = null);

/// <summary>One page of an issue listing sorted by <c>updated_at</c> ascending.</summary>
/// <param name="Issues">The page's issues (GitHub: pull requests left out).</param>
/// <param name="LastUpdatedAt">
/// The <c>updated_at</c> of the page's last item as the tracker sent it, pull requests included (they take part in the
/// order); null for an empty page.
/// </param>
/// <param name="HasMore">The tracker announced a next page.</param>
public sealed record IssuePage(IReadOnlyList<TrackerIssue> Issues, DateTimeOffset? LastUpdatedAt, bool HasMore);
