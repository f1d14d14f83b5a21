namespace Sync.Core.Trackers;

/// <summary>
/// What Core's logic needs to know about a tracker kind (the Worker's <c>ITrackerDialect</c> holds the request side):
/// timestamp resolution and touch throttling for cursors, body limits, confidential issues, uploads in copied text,
/// issue web paths and vote webhooks. <see cref="For"/> is the only place Core tells the kinds apart.
/// </summary>
/// <param name="UpdatedAtResolution">The smallest step of the tracker's <c>updated_at</c>.</param>
/// <param name="TouchWindow">
/// How long after its <c>updated_at</c> a listed issue may still gain a note without changing <c>updated_at</c>.
/// </param>
/// <param name="ListingBoundSlack">How much earlier than the last <c>updated_at</c> seen the next page of a listing asks.</param>
/// <param name="ConfidentialIssues">The tracker has confidential issues, so a confidential source issue may move there.</param>
/// <param name="TakesUploads">Files can be uploaded to the tracker, so a move re-uploads attachments (else placeholders).</param>
/// <param name="IssueWebPath">The path segment of an issue's web page after the project (<c>issues</c>, <c>-/issues</c>).</param>
/// <param name="MergeRequestWebPath">The same for a pull or merge request.</param>
/// <param name="VoteWebhooks">The tracker sends a webhook when a vote changes (GitLab's Emoji Hook).</param>
/// <param name="Forum">
/// A feature forum: a source only (never a public project), whose ideas move like issues and whose votes follow them.
/// </param>
public sealed record TrackerTraits(
    TrackerKind Kind,
    TimeSpan UpdatedAtResolution,
    TimeSpan TouchWindow,
    TimeSpan ListingBoundSlack,
    BodyLimits Bodies,
    bool ConfidentialIssues,
    bool TakesUploads,
    string IssueWebPath,
    string MergeRequestWebPath,
    bool VoteWebhooks,
    bool Forum = false)
{
    /// <summary>GitLab's <c>ThrottledTouch::TOUCH_INTERVAL</c>.</summary>
    public static readonly TimeSpan GitLabTouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Clock skew between IssueSync and the tracker allowed for when judging whether the touch interval has passed.</summary>
    public static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// GitLab: millisecond timestamps; notes within <see cref="GitLabTouchInterval"/> of an update leave it unchanged;
    /// <c>updated_after</c> is "on or after" (no slack).
    /// </summary>
    public static readonly TrackerTraits GitLab = new(
        TrackerKind.GitLab,
        UpdatedAtResolution: TimeSpan.FromMilliseconds(1),
        TouchWindow: GitLabTouchInterval + ClockSkewMargin,
        ListingBoundSlack: TimeSpan.Zero,
        BodyLimits.GitLab,
        ConfidentialIssues: true,
        TakesUploads: true,
        IssueWebPath: "-/issues",
        MergeRequestWebPath: "-/merge_requests",
        VoteWebhooks: true);

    /// <summary>
    /// GitHub: second timestamps; no documented touch throttle (an assumption: none); a listing's further pages ask one
    /// second early; no confidential issues, no upload API, no reaction webhook.
    /// </summary>
    public static readonly TrackerTraits GitHub = new(
        TrackerKind.GitHub,
        UpdatedAtResolution: TimeSpan.FromSeconds(1),
        TouchWindow: TimeSpan.Zero,
        ListingBoundSlack: TimeSpan.FromSeconds(1),
        BodyLimits.GitHub,
        ConfidentialIssues: false,
        TakesUploads: false,
        IssueWebPath: "issues",
        MergeRequestWebPath: "pull",
        VoteWebhooks: false);

    /// <summary>
    /// A feature forum (<see cref="TrackerKind.GitHubDiscussions"/>, <see cref="TrackerKind.Discourse"/>,
    /// <see cref="TrackerKind.CsvImport"/>): read as a source only, so the body limits never apply (GitHub's are given);
    /// second timestamps, no confidential items, no uploads, no vote webhooks.
    /// </summary>
    public static TrackerTraits ForumOf(TrackerKind kind, string ideaWebPath) => new(
        kind,
        UpdatedAtResolution: TimeSpan.FromSeconds(1),
        TouchWindow: TimeSpan.Zero,
        ListingBoundSlack: TimeSpan.FromSeconds(1),
        BodyLimits.GitHub with { Kind = kind },
        ConfidentialIssues: false,
        TakesUploads: false,
        IssueWebPath: ideaWebPath,
        MergeRequestWebPath: ideaWebPath,
        VoteWebhooks: false,
        Forum: true);

    private static readonly TrackerTraits Discussions = ForumOf(TrackerKind.GitHubDiscussions, "discussions");

    private static readonly TrackerTraits DiscourseForum = ForumOf(TrackerKind.Discourse, "t");

    private static readonly TrackerTraits CsvImport = ForumOf(TrackerKind.CsvImport, "import");

    /// <exception cref="ArgumentOutOfRangeException">A kind Core has no traits for.</exception>
    public static TrackerTraits For(TrackerKind kind) => kind switch
    {
        TrackerKind.GitLab => GitLab,
        TrackerKind.GitHub => GitHub,
        TrackerKind.GitHubDiscussions => Discussions,
        TrackerKind.Discourse => DiscourseForum,
        TrackerKind.CsvImport => CsvImport,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"No tracker traits are known for kind {kind}"),
    };
}
