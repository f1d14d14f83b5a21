using System.Text.Json;

namespace Sync.Worker.Trackers.GitHubDiscussions;

// The shapes of the answers to DiscussionDocuments; only the fields the client reads are declared.
internal sealed record PageInfo(bool HasNextPage, string? EndCursor)
{
    public string? Next => HasNextPage && !string.IsNullOrEmpty(EndCursor) ? EndCursor : null;
}

internal sealed record Connection<T>(PageInfo? PageInfo, IReadOnlyList<T?>? Nodes, int TotalCount = 0)
{
    public IEnumerable<T> Items => (Nodes ?? []).OfType<T>();
}

internal sealed record Actor(string? Login, long? DatabaseId);

internal sealed record NodeRef(string Id);

internal sealed record LabelNode(string Name, string? Color = null, string? Description = null);

internal sealed record CountOnly(int TotalCount);

internal sealed record ReactionNode(long? DatabaseId, DateTimeOffset CreatedAt, Actor? User);

internal sealed record Discussion(
    string Id,
    long? DatabaseId,
    long Number,
    string Title,
    string? Body,
    string? Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Closed,
    DateTimeOffset? ClosedAt,
    bool Locked,
    string? StateReason,
    bool IsAnswered,
    int UpvoteCount,
    Actor? Author,
    NodeRef? Category,
    Connection<LabelNode>? Labels,
    CountOnly? Comments,
    Connection<ReactionNode>? Reactions);

internal sealed record CommentNode(
    string Id,
    long? DatabaseId,
    string? Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    bool IsMinimized,
    Actor? Author,
    Connection<CommentNode>? Replies);

internal sealed record ViewerData(Actor? Viewer);

internal sealed record CategoryNode(string Id, string Name, string Slug);

internal sealed record CategoriesData(CategoriesRepository? Repository);

internal sealed record CategoriesRepository(string Id, Connection<CategoryNode>? DiscussionCategories);

internal sealed record ListData(ListRepository? Repository);

internal sealed record ListRepository(Connection<Discussion>? Discussions);

internal sealed record GetData(GetRepository? Repository);

internal sealed record GetRepository(Discussion? Discussion);

internal sealed record CommentsData(CommentsRepository? Repository);

internal sealed record CommentsRepository(CommentsDiscussion? Discussion);

internal sealed record CommentsDiscussion(string Id, NodeRef? Category, Connection<CommentNode>? Comments, Connection<ReactionNode>? Reactions);

internal sealed record RepliesData(RepliesNode? Node);

internal sealed record RepliesNode(Connection<CommentNode>? Replies);

internal sealed record LabelsData(LabelsRepository? Repository);

internal sealed record LabelsRepository(Connection<LabelNode>? Labels);

/// <summary><c>repository { d12: discussion(number: $n12) { ... } ... }</c>: aliases are the keys, a missing idea is null.</summary>
internal sealed record BulkVotesData(IReadOnlyDictionary<string, JsonElement>? Repository);

internal sealed record AddCommentData(AddCommentPayload? AddDiscussionComment);

internal sealed record AddCommentPayload(CommentNode? Comment);

internal sealed record CloseData(ClosePayload? CloseDiscussion);

internal sealed record ClosePayload(Discussion? Discussion);

internal sealed record LockData(LockPayload? LockLockable);

internal sealed record LockPayload(Discussion? LockedRecord);
