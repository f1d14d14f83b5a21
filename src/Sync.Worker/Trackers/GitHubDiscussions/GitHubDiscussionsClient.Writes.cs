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
        try
        {
            idea = await CloseOrLockAsync(reason, variables, resource, edit.StateReason, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerValidationException)
        {
            // No source says whether GitHub refuses closing a closed discussion (or locking a locked one). A repeat after
            // a lost answer must not fail the move either way: when the idea is already as asked, that is the answer.
            idea = await AlreadyDoneAsync(path, number, reason, cancellationToken).ConfigureAwait(false);
            if (idea is null)
            {
                throw;
            }
        }

        return ToIssue(path, projectPath, idea ?? throw new TrackerProtocolException(Name, $"closing {resource} returned no discussion"));
    }

    private async Task<Discussion?> CloseOrLockAsync(string? reason, Dictionary<string, object?> variables, string resource, string? asked, CancellationToken cancellationToken)
    {
        if (reason == "locked")
        {
            var locked = await GraphQl().SendAsync<LockData>(DiscussionDocuments.Lock, variables, $"locking {resource}", cancellationToken).ConfigureAwait(false);
            return locked.LockLockable?.LockedRecord;
        }

        variables["reason"] = reason switch
        {
            "duplicate" => "DUPLICATE",
            "outdated" => "OUTDATED",
            null or "resolved" or "completed" => "RESOLVED",
            _ => throw Unsupported($"{nameof(EditIssueAsync)} with state reason '{asked}'"),
        };
        var closed = await GraphQl().SendAsync<CloseData>(DiscussionDocuments.Close, variables, $"closing {resource}", cancellationToken).ConfigureAwait(false);
        return closed.CloseDiscussion?.Discussion;
    }

    /// <summary>The idea, read again, when it is already closed (a close) or locked (a lock); else null.</summary>
    private async Task<Discussion?> AlreadyDoneAsync(ForumPath path, long number, string? reason, CancellationToken cancellationToken)
    {
        var idea = await ReadIdeaAsync(path, number, cancellationToken).ConfigureAwait(false);
        return (reason == "locked" ? idea.Locked : idea.Closed) ? idea : null;
    }

    /// <summary>A forum keeps no labels of IssueSync's: adding or removing one writes nothing and reads nothing.</summary>
    public Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
