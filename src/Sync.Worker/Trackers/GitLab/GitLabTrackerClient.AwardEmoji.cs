using System.Runtime.CompilerServices;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>Award emoji (reactions) on an issue and on one of its notes.</summary>
internal sealed partial class GitLabTrackerClient
{
    public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        ListReactionsAsync(IssueSegment(projectPath, number) + "/award_emoji", $"award emoji of {projectPath}#{number}", cancellationToken);

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        ListReactionsAsync(NoteSegment(projectPath, number, commentId) + "/award_emoji", $"award emoji of note {commentId} on {projectPath}#{number}", cancellationToken);

    private async IAsyncEnumerable<TrackerReaction> ListReactionsAsync(string path, string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var award in ListAllAsync<GitLabAwardEmojiDto>(path, string.Empty, resource, cancellationToken).ConfigureAwait(false))
        {
            yield return award.ToReaction();
        }
    }
}
