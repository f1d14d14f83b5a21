using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHubDiscussions;

internal sealed partial class GitHubDiscussionsClient
{
    /// <summary>
    /// What a finished move asks of the forum: close with a reason (<c>closeDiscussion</c>: <c>duplicate</c> → DUPLICATE,
    /// <c>outdated</c> → OUTDATED, <c>resolved</c>/<c>completed</c>/none → RESOLVED) or lock (<c>lockLockable</c>, reason
    /// <c>locked</c>), one mutation returning the idea. A label-only edit writes nothing and reads the idea as it is
    /// (a forum keeps no moved label; the ledger stops a second move). Anything else is not supported.
    /// </summary>
    public async Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var path = ForumPath.Parse(Name, projectPath);
        if (edit is { Title: null, Body: null, MilestoneId: null, ClearMilestone: false, State: null, StateReason: null })
        {
            return ToIssue(path, projectPath, await ReadIdeaAsync(path, number, cancellationToken).ConfigureAwait(false));
        }

        if (edit is not { Title: null, Body: null, MilestoneId: null, ClearMilestone: false, State: IssueState.Closed })
        {
            throw Unsupported($"{nameof(EditIssueAsync)} other than closing or locking");
        }

        var reason = edit.StateReason?.Trim().ToLowerInvariant();
        var id = await NodeIdAsync(path, number, cancellationToken).ConfigureAwait(false);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["discussion"] = id };
        var resource = $"discussion #{number} of {path.RepositoryPath}";
        Discussion? idea;
        if (reason == "locked")
        {
            var data = await GraphQl().SendAsync<LockData>(DiscussionDocuments.Lock, variables, $"locking {resource}", cancellationToken).ConfigureAwait(false);
            idea = data.LockLockable?.LockedRecord;
        }
        else
        {
            variables["reason"] = reason switch
            {
                "duplicate" => "DUPLICATE",
                "outdated" => "OUTDATED",
                null or "resolved" or "completed" => "RESOLVED",
                _ => throw Unsupported($"{nameof(EditIssueAsync)} with state reason '{edit.StateReason}'"),
            };
            var data = await GraphQl().SendAsync<CloseData>(DiscussionDocuments.Close, variables, $"closing {resource}", cancellationToken).ConfigureAwait(false);
            idea = data.CloseDiscussion?.Discussion;
        }

        return ToIssue(path, projectPath, idea ?? throw new TrackerProtocolException(Name, $"closing {resource} returned no discussion"));
    }

    /// <summary>A forum keeps no labels of IssueSync's: adding or removing one writes nothing and reads nothing.</summary>
    public Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
