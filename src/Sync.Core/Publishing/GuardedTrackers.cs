using Sync.Core.Trackers;

namespace Sync.Core.Publishing;

/// <summary>
/// The tracker registry every writer uses, with a <see cref="PublicTextGuard"/> in front of each public project: no
/// step (move, RICE, roadmap, or one added later) can write to a public project without the final check.
/// </summary>
public sealed class GuardedTrackerRegistry(ITrackerRegistry inner, IReadOnlyDictionary<ProjectRef, PublicTextGuard> guards) : ITrackerRegistry
{
    public IReadOnlyCollection<string> Names => inner.Names;

    public ITrackerClient Get(string name)
    {
        var client = inner.Get(name);
        var own = guards.Where(g => string.Equals(g.Key.Tracker, name, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(g => g.Key.Path, g => g.Value, StringComparer.OrdinalIgnoreCase);
        return own.Count == 0 ? client : new GuardedTrackerClient(client, own);
    }
}

/// <summary>Checks every string of a write to a guarded project before it is sent; reads and other projects pass through.</summary>
public sealed class GuardedTrackerClient(ITrackerClient inner, IReadOnlyDictionary<string, PublicTextGuard> guards) : ITrackerClient, ICapabilityWrapper
{
    public string Name => inner.Name;

    public TrackerKind Kind => inner.Kind;

    public Uri WebRoot => inner.WebRoot;

    public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken) => inner.GetCurrentUserAsync(cancellationToken);

    public IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken) =>
        inner.ListIssuesAsync(projectPath, query, cancellationToken);

    public Task<IssuePage> ListIssuePageAsync(string projectPath, IssueQuery query, int page, CancellationToken cancellationToken) =>
        inner.ListIssuePageAsync(projectPath, query, page, cancellationToken);

    public Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        inner.GetIssueAsync(projectPath, number, cancellationToken);

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        Ensure(projectPath, (issue.Title, PublicField.Title), (issue.Body, PublicField.Body), (Lines(issue.Labels), PublicField.Label));
        return inner.CreateIssueAsync(projectPath, issue, cancellationToken);
    }

    public Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        Ensure(projectPath, (edit.Title, PublicField.Title), (edit.Body, PublicField.Body), (Lines(edit.AddLabels), PublicField.Label));
        return inner.EditIssueAsync(projectPath, number, edit, cancellationToken);
    }

    public Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        Ensure(projectPath, (Lines(add), PublicField.Label));
        return inner.ChangeLabelsAsync(projectPath, number, add, remove, cancellationToken);
    }

    public IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        inner.ListCommentsAsync(projectPath, number, cancellationToken);

    public Task<IssueRef?> GetDuplicateTargetAsync(string projectPath, TrackerIssue issue, CancellationToken cancellationToken) =>
        inner.GetDuplicateTargetAsync(projectPath, issue, cancellationToken);

    public Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        Ensure(projectPath, (body, PublicField.Comment));
        return inner.CreateCommentAsync(projectPath, number, body, isInternal, cancellationToken);
    }

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken)
    {
        Ensure(projectPath, (body, PublicField.Comment));
        return inner.EditCommentAsync(projectPath, number, commentId, body, cancellationToken);
    }

    public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        inner.ListIssueReactionsAsync(projectPath, number, cancellationToken);

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        inner.ListCommentReactionsAsync(projectPath, number, commentId, cancellationToken);

    public IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, CancellationToken cancellationToken) =>
        inner.ListVoteSignalsAsync(projectPath, query, cancellationToken);

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) =>
        inner.ListLabelsAsync(projectPath, cancellationToken);

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        Ensure(projectPath, (label.Name, PublicField.Label), (label.Description, PublicField.LabelDescription));
        return inner.CreateLabelAsync(projectPath, label, cancellationToken);
    }

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) =>
        inner.ListMilestonesAsync(projectPath, cancellationToken);

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        Ensure(projectPath, (milestone.Title, PublicField.Milestone), (milestone.Description, PublicField.LabelDescription));
        return inner.CreateMilestoneAsync(projectPath, milestone, cancellationToken);
    }

    /// <summary>
    /// The inner client's capabilities, each behind the same check of every public write. Fails closed: a type this guard
    /// does not know (a capability added later, or the inner client itself) is not handed out, so nothing reaches the
    /// unguarded client through <see cref="TrackerCapabilities.Get{T}"/>.
    /// </summary>
    public T? Capability<T>()
        where T : class
    {
        object? capability = typeof(T) == typeof(IUploads) ? inner.Get<IUploads>() is { } uploads ? new GuardedUploads(this, uploads) : null
            : typeof(T) == typeof(IBoards) ? inner.Get<IBoards>() is { } boards ? new GuardedBoards(this, boards) : null
            : null;
        return capability as T;
    }

    private void Ensure(string projectPath, params (string? Text, PublicField Field)[] strings)
    {
        if (guards.TryGetValue(projectPath.Trim('/'), out var guard))
        {
            guard.Ensure($"{Name}:{projectPath}", strings);
        }
    }

    private static string? Lines(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join('\n', values) : null;

    private sealed class GuardedUploads(GuardedTrackerClient outer, IUploads inner) : IUploads
    {
        public Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken)
        {
            outer.Ensure(projectPath, (fileName, PublicField.FileName));
            return inner.UploadFileAsync(projectPath, fileName, content, cancellationToken);
        }

        public Task<byte[]> DownloadUploadAsync(string projectPath, string uploadUrl, CancellationToken cancellationToken) =>
            inner.DownloadUploadAsync(projectPath, uploadUrl, cancellationToken);
    }

    private sealed class GuardedBoards(GuardedTrackerClient outer, IBoards inner) : IBoards
    {
        public Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken)
        {
            outer.Ensure(projectPath, (boardName, PublicField.Board), (Lines(listLabels), PublicField.Label));
            return inner.EnsureBoardAsync(projectPath, boardName, listLabels, cancellationToken);
        }
    }
}
