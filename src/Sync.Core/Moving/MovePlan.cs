using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>
/// Everything a move will write, already transformed and redacted: what <c>--dry-run</c> prints and what the
/// executor applies. Bodies contain the hidden markers that make a resumed move find its own writes.
/// </summary>
/// <param name="SourceIssue">Source reference text, <c>tracker:group/project#N</c>.</param>
/// <param name="Labels">Target label names (already mapped), in a stable order.</param>
/// <param name="Milestone">Target milestone (title, due date) or null.</param>
/// <param name="Comments">Comments to post on the target, in source order (system and internal notes already left out).</param>
/// <param name="SourceNotice">The "Moved to" comment for the source; <c>{target}</c> stands for the target URL until it is known.</param>
/// <param name="Uploads">Files referenced by the body/comments that must be re-uploaded (GitLab target) before writing.</param>
/// <param name="Redactions">What was redacted, where (for the audit log; never the secret itself).</param>
public sealed record MovePlan(
    string SourceIssue,
    ProjectRef Target,
    string Title,
    string Body,
    IReadOnlyList<TrackerLabel> Labels,
    PlannedMilestone? Milestone,
    IReadOnlyList<PlannedComment> Comments,
    string SourceNotice,
    IReadOnlyList<PlannedUpload> Uploads,
    IReadOnlyList<Redaction> Redactions)
{
    /// <summary>The opaque key the plan's markers carry (<see cref="MoveMarkers.KeyOf"/>).</summary>
    public string MarkerKey { get; init; } = string.Empty;

    /// <summary>The copy is created confidential (a confidential source allowed to move to a GitLab target).</summary>
    public bool Confidential { get; init; }
}

public sealed record PlannedMilestone(string Title, DateOnly? DueDate, string? Description);

/// <param name="SourceCommentId">The source comment's id (its marker names it); 0 for a continuation of the description.</param>
/// <param name="Body">Final body including attribution and marker.</param>
public sealed record PlannedComment(long SourceCommentId, string Body)
{
    /// <summary>Set on a continuation comment: which text it continues and its part number (2 or more).</summary>
    public ContinuedPart? Part { get; init; }
}

/// <summary>A continuation comment's place: <see cref="Of"/> is <see cref="MoveMarkers.OfBody"/> or the source comment id.</summary>
public sealed record ContinuedPart(string Of, int Number);

/// <summary>
/// A file on the source that the target needs. <see cref="Token"/> appears in the plan's body/comments where the
/// new link goes; the executor re-uploads and replaces it (GitLab target). For a GitHub target the planner has
/// already put a readable placeholder in the text and no upload is planned.
/// </summary>
/// <param name="SourceUrl">The source link, exactly <c>/uploads/&lt;32 hex&gt;/&lt;file name&gt;</c>.</param>
/// <param name="Token">Delimited by private-use characters that copied text can never contain (they are taken out of it).</param>
public sealed record PlannedUpload(string SourceUrl, string FileName, string Token)
{
    /// <summary>What replaces the token when the file cannot be copied.</summary>
    public string Placeholder => Publishing.Text.PublicRewrites.AttachmentNotCopied(FileName, Publishing.Text.TextContext.Markdown);
}

/// <param name="Where">"title", "body" or "comment 123".</param>
/// <param name="Rule">Name of the rule that matched (e.g. <c>gitlab-token</c>, <c>internal-host</c>, <c>private-url</c>).</param>
public sealed record Redaction(string Where, string Rule, int Count);

/// <summary>What the planner needs to know about one source issue and its surroundings.</summary>
/// <param name="Source">The source issue and where it lives: its instance's kind and web root (which links of its text lead into private places).</param>
/// <param name="Target">The public project, its tracker kind (GitLab targets get re-uploads; GitHub targets get placeholders) and web root.</param>
/// <param name="MovedIssues">Source issue number → public URL of issues of the same source that have already moved.</param>
/// <param name="SourceLabels">Source project labels (for colours and descriptions of labels created in the target).</param>
public sealed record MovePlanInput(
    TrackerIssue Source,
    IReadOnlyList<TrackerComment> Comments,
    TrackerSite SourceSite,
    ProjectRef Target,
    TrackerSite TargetSite,
    MoveRules Rules,
    RedactionRules Redaction,
    IReadOnlyDictionary<long, string> MovedIssues,
    IReadOnlyList<TrackerLabel> SourceLabels)
{
    public TrackerKind TargetKind => TargetSite.Kind;
}

/// <summary>A tracker instance as text sees it: its kind and its web root (ending in '/').</summary>
public sealed record TrackerSite(TrackerKind Kind, Uri WebRoot)
{
    public static TrackerSite Of(ITrackerClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new TrackerSite(client.Kind, client.WebRoot);
    }
}

/// <summary>Turns a source issue into a <see cref="MovePlan"/>. Pure: no I/O.</summary>
public interface IMovePlanner
{
    MovePlan Plan(MovePlanInput input);
}
