namespace Sync.Core.Trackers;

/// <summary>
/// The port every capability uses to talk to one configured tracker (a GitLab instance or GitHub): issues, comments,
/// reactions, vote signals, labels and milestones. What only some trackers have is a separate capability port
/// (<see cref="IUploads"/>, <see cref="IBoards"/>) that a client implements or not; ask with
/// <see cref="TrackerCapabilities.Get{T}"/>. Implementations share one mechanism for paging, rate limits, retries and
/// request accounting; listings return every page (100 per page) and never pull requests.
/// </summary>
public interface ITrackerClient
{
    /// <summary>The configured tracker name (the part before ':' in a project reference).</summary>
    string Name { get; }

    TrackerKind Kind { get; }

    /// <summary>
    /// The tracker name its usernames belong to, as <see cref="Votes.VoteRules.IdentityMap"/> spells them: the tracker's own
    /// <see cref="Name"/>, except for a forum read through another tracker's accounts (GitHub Discussions: the GitHub
    /// tracker its token and API root are), so one person voting on both counts once.
    /// </summary>
    string IdentityHost => Name;

    /// <summary>
    /// The web root of the tracker's instance, ending in '/' (<c>https://gitlab.example.com/</c>, <c>https://github.com/</c>):
    /// a project's web page is this plus its path. Tells which links of copied text lead into a private instance.
    /// </summary>
    Uri WebRoot { get; }

    /// <summary>The user the token authenticates as.</summary>
    Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken);

    /// <summary>Lists issues of a project, oldest update first. An incremental listing passes <see cref="IssueQuery.UpdatedSince"/>.</summary>
    IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One offset page (1-based, 100 issues) of the listing <see cref="ListIssuesAsync"/> makes, in the same order, with
    /// whether the tracker announces a next page: one request. For listings that page by the bound instead of the
    /// offset (<see cref="Inventory.KeysetIssueListing"/>). The default reads the whole listing as one page.
    /// </summary>
    async Task<IssuePage> ListIssuePageAsync(string projectPath, IssueQuery query, int page, CancellationToken cancellationToken)
    {
        if (page > 1)
        {
            return new IssuePage([], null, false);
        }

        var issues = await ListIssuesAsync(projectPath, query, cancellationToken).ToListAsync(cancellationToken);
        return new IssuePage(issues, issues.Count > 0 ? issues.Max(i => i.UpdatedAt) : null, false);
    }

    Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken);

    Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken);

    /// <summary>Edits title, body, labels (add/remove, one request where the API allows), milestone and state.</summary>
    Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken);

    /// <summary>
    /// Adds and removes labels and nothing else, without reading the issue back: one request on GitLab (PUT with
    /// add/remove), one add plus one per removed label on GitHub.
    /// </summary>
    async Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken) =>
        await EditIssueAsync(projectPath, number, new IssueEdit(AddLabels: add, RemoveLabels: remove), cancellationToken);

    /// <summary>
    /// The issue a closed issue was closed into as a duplicate, with its own project (which may be another project of the
    /// tracker), or null: not a duplicate, the tracker does not say which, or the canonical cannot be read. GitLab: the
    /// <c>_links.closed_as_duplicate_of</c> API URL (built from the canonical's project id); GitHub: the latest
    /// <c>MarkedAsDuplicateEvent</c> of the issue's timeline, else a "Duplicate of" comment.
    /// </summary>
    Task<IssueRef?> GetDuplicateTargetAsync(string projectPath, TrackerIssue issue, CancellationToken cancellationToken) =>
        Task.FromResult(issue.DuplicateTarget);

    /// <summary>Comments in creation order, including GitLab system and internal notes (flagged).</summary>
    IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken);

    /// <param name="isInternal">GitLab internal note; a GitHub adapter refuses <c>true</c> (no such thing on GitHub).</param>
    Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken);

    Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken);

    IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken);

    IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Vote signals of many issues at once, as cheaply as the tracker allows: GitHub lists the issues (100 a page,
    /// created order, conditional requests, so an unchanged page is answered 304 and costs no rate limit) and reads each
    /// issue's <c>reactions</c> rollup; GitLab reads <c>awardEmoji</c> of up to a page of issues per GraphQL query.
    /// </summary>
    IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, CancellationToken cancellationToken);

    IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken);

    /// <summary>Creates a label; an existing label of that name is returned as it is (no error).</summary>
    Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken);

    IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken);

    Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken);
}

/// <summary>Finds the client of a configured tracker by name.</summary>
public interface ITrackerRegistry
{
    IReadOnlyCollection<string> Names { get; }

    /// <exception cref="KeyNotFoundException">No tracker of that name is configured.</exception>
    ITrackerClient Get(string name);
}
