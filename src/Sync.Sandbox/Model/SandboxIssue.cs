namespace Sync.Sandbox.Model;

/// <summary>An issue (GitLab) or issue/pull request (GitHub); <see cref="Number"/> is the iid or number.</summary>
public sealed class SandboxIssue
{
    public required long Id { get; init; }
    public required int Number { get; init; }
    public required SandboxProject Project { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public bool Closed { get; set; }

    /// <summary>GitHub state_reason: completed, not_planned, duplicate, reopened or null.</summary>
    public string? StateReason { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public SandboxUser? ClosedBy { get; set; }
    public required SandboxUser Author { get; init; }
    public List<string> Labels { get; } = [];
    public SandboxMilestone? Milestone { get; set; }
    public List<SandboxUser> Assignees { get; } = [];
    public bool Confidential { get; set; }
    public bool Locked { get; set; }
    public int? Weight { get; set; }
    public DateOnly? DueDate { get; set; }
    public bool IsPullRequest { get; init; }
    public long? MovedToId { get; set; }

    /// <summary>
    /// The canonical issue, possibly of another project: GitLab "closed as duplicate of" (rendered as
    /// <c>_links.closed_as_duplicate_of</c>, built from the canonical's own project); GitHub <c>duplicate_issue_id</c>
    /// (read back as GraphQL <c>MarkedAsDuplicateEvent.canonical</c>).
    /// </summary>
    public SandboxIssue? DuplicateOf { get; set; }
    public List<SandboxNote> Notes { get; } = [];
    public List<SandboxAward> Awards { get; } = [];

    public int UserNotesCount => Notes.Count(n => !n.System);

    public bool HasLabel(string name) => Labels.Exists(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase));

    // As GitLab: upvotes/downvotes count only the plain thumbsup/thumbsdown names, not their skin-tone variants
    // (those are award emoji like any other and must be read from the award_emoji list).
    public int Upvotes => Awards.Count(a => a.Name is "thumbsup" or "+1");

    public int Downvotes => Awards.Count(a => a.Name is "thumbsdown" or "-1");
}
