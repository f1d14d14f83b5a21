using System.Runtime.CompilerServices;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHubDiscussions;

internal sealed partial class GitHubDiscussionsClient
{
    /// <summary>
    /// The idea's top-level comments and their replies, flattened in creation order (ids: <c>databaseId</c>): one request
    /// per 100 comments carrying up to 100 replies each, and one more per further 100 replies of a comment.
    /// </summary>
    public async IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = ForumPath.Parse(Name, projectPath);
        var category = await CategoryAsync(path, cancellationToken).ConfigureAwait(false);
        var resource = $"comments of discussion #{number} of {path.RepositoryPath}";
        var comments = new List<CommentNode>();
        string? cursor = null;
        do
        {
            var variables = RepositoryVariables(path);
            variables["number"] = ToInt(number);
            variables["cursor"] = cursor;
            var data = await GraphQl().SendAsync<CommentsData>(DiscussionDocuments.Comments, variables, resource, cancellationToken).ConfigureAwait(false);
            var discussion = data.Repository?.Discussion ?? throw new TrackerNotFoundException(Name, $"discussion #{number} of {path.RepositoryPath}");
            if (discussion.Category is { } c && c.Id != category.Id)
            {
                throw new TrackerNotFoundException(Name, $"discussion #{number} of {path.RepositoryPath} in category '{path.Category}' (it is in another category)");
            }

            _nodeIds[(path.RepositoryPath, number)] = discussion.Id;
            var page = discussion.Comments ?? throw new TrackerProtocolException(Name, $"{resource}: no comments connection");
            foreach (var comment in page.Items)
            {
                comments.Add(comment);
                comments.AddRange(comment.Replies?.Items ?? []);
                if (comment.Replies?.PageInfo?.Next is { } more)
                {
                    await foreach (var reply in MoreRepliesAsync(comment.Id, more, resource, cancellationToken).ConfigureAwait(false))
                    {
                        comments.Add(reply);
                    }
                }
            }

            cursor = page.PageInfo?.Next;
        }
        while (cursor is not null);

        foreach (var comment in comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.DatabaseId ?? 0))
        {
            yield return ToComment(comment);
        }
    }

    /// <summary>A reply on the forum: a new top-level comment of the idea (<c>addDiscussionComment</c>), never repeated blindly.</summary>
    public async Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        if (isInternal)
        {
            throw new NotSupportedException($"Tracker '{Name}' is a GitHub Discussions forum: it has no internal comments");
        }

        var path = ForumPath.Parse(Name, projectPath);
        var id = await NodeIdAsync(path, number, cancellationToken).ConfigureAwait(false);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["discussion"] = id, ["body"] = body };
        var resource = $"a comment on discussion #{number} of {path.RepositoryPath}";

        // A lost answer is looked up by its marker in ListCommentsAsync (the move's exactly-once rule), not re-sent.
        var data = await GraphQl().SendAsync<AddCommentData>(DiscussionDocuments.AddComment, variables, resource, cancellationToken, onceOnly: true).ConfigureAwait(false);
        var comment = data.AddDiscussionComment?.Comment ?? throw new TrackerProtocolException(Name, $"{resource} returned no comment");
        return ToComment(comment);
    }

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<TrackerReaction>();

    private async IAsyncEnumerable<CommentNode> MoreRepliesAsync(string commentId, string after, string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = after;
        while (cursor is not null)
        {
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = commentId, ["cursor"] = cursor };
            var data = await GraphQl().SendAsync<RepliesData>(DiscussionDocuments.Replies, variables, resource, cancellationToken).ConfigureAwait(false);
            var page = data.Node?.Replies ?? throw new TrackerNotFoundException(Name, $"replies of a comment ({resource})");
            foreach (var reply in page.Items)
            {
                yield return reply;
            }

            cursor = page.PageInfo?.Next;
        }
    }

    /// <summary>
    /// A minimized comment (hidden by a maintainer as spam, abuse, off-topic, outdated or resolved) is flagged
    /// <see cref="TrackerComment.System"/> so the planner never copies it: moving it would publish what the forum's
    /// moderators chose to hide.
    /// </summary>
    private static TrackerComment ToComment(CommentNode comment) => new()
    {
        Id = comment.DatabaseId ?? 0,
        Body = comment.Body ?? string.Empty,
        Author = ToUser(comment.Author),
        CreatedAt = comment.CreatedAt,
        UpdatedAt = comment.UpdatedAt ?? comment.CreatedAt,
        System = comment.IsMinimized,
    };
}
