using System.Globalization;
using System.Text;

namespace Sync.Worker.Trackers.GitHubDiscussions;

/// <summary>
/// The GraphQL documents the Discussions client sends (schema: docs.github.com/graphql/reference/objects#discussion,
/// #discussioncomment, #discussioncategory; mutations addDiscussionComment, closeDiscussion, lockLockable). User values
/// only ever travel as variables; the aliased bulk read builds its aliases from numbers it formats itself.
/// Every connection asks for 100, GitHub's most (docs.github.com, "Rate limits and query limits for the GraphQL API":
/// <c>first</c>/<c>last</c> 1 to 100).
/// </summary>
internal static class DiscussionDocuments
{
    public const int PageSize = 100;

    private const string Author = "author { login ... on User { databaseId } }";

    /// <summary>What eligibility and the idea's mapping need, so a listing page answers both in one request.</summary>
    public const string IdeaFields =
        "id databaseId number title body url createdAt updatedAt closed closedAt locked stateReason isAnswered upvoteCount "
        + Author + " category { id } labels(first: 100) { nodes { name } } comments(first: 1) { totalCount }";

    private const string CommentFields = "id databaseId body createdAt updatedAt isMinimized " + Author;

    private const string Votes = "reactions(content: THUMBS_UP, first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { databaseId createdAt user { login databaseId } } }";

    public const string Viewer = "query { viewer { login databaseId } }";

    // Repositories have at most 25 categories (docs.github.com, "Using the GraphQL API for Discussions").
    public const string Categories =
        "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id discussionCategories(first: 100) { nodes { id name slug } } } }";

    public const string List =
        "query($owner: String!, $name: String!, $category: ID!, $states: [DiscussionState!], $cursor: String) { repository(owner: $owner, name: $name) { "
        + "discussions(first: 100, after: $cursor, categoryId: $category, states: $states, orderBy: { field: UPDATED_AT, direction: ASC }) { "
        + "pageInfo { hasNextPage endCursor } nodes { " + IdeaFields + " } } } }";

    /// <summary>The listing with each idea's identified voters: the open ideas' vote signals, 100 ideas a request.</summary>
    public const string ListVotes =
        "query($owner: String!, $name: String!, $category: ID!, $states: [DiscussionState!], $cursor: String) { repository(owner: $owner, name: $name) { "
        + "discussions(first: 100, after: $cursor, categoryId: $category, states: $states, orderBy: { field: UPDATED_AT, direction: ASC }) { "
        + "pageInfo { hasNextPage endCursor } nodes { " + IdeaFields + " " + Votes + " } } } }";

    public const string Get =
        "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { discussion(number: $number) { " + IdeaFields + " } } }";

    /// <summary>Top-level comments with their first 100 replies each, 100 comments a page.</summary>
    public const string Comments =
        "query($owner: String!, $name: String!, $number: Int!, $cursor: String) { repository(owner: $owner, name: $name) { discussion(number: $number) { id category { id } "
        + "comments(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { " + CommentFields + " "
        + "replies(first: 100) { pageInfo { hasNextPage endCursor } nodes { " + CommentFields + " } } } } } } }";

    /// <summary>The further replies of one comment that has more than 100.</summary>
    public const string Replies =
        "query($id: ID!, $cursor: String) { node(id: $id) { ... on DiscussionComment { replies(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { "
        + CommentFields + " } } } } }";

    /// <summary>An idea's identified voters (its 👍 reactions), 100 a page.</summary>
    public const string Reactions =
        "query($owner: String!, $name: String!, $number: Int!, $cursor: String) { repository(owner: $owner, name: $name) { discussion(number: $number) { id category { id } "
        + "reactions(content: THUMBS_UP, first: 100, after: $cursor) { totalCount pageInfo { hasNextPage endCursor } nodes { databaseId createdAt user { login databaseId } } } } } }";

    public const string Labels =
        "query($owner: String!, $name: String!, $cursor: String) { repository(owner: $owner, name: $name) { labels(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { name color description } } } }";

    public const string AddComment =
        "mutation($discussion: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $discussion, body: $body }) { comment { " + CommentFields + " } } }";

    public const string Close =
        "mutation($discussion: ID!, $reason: DiscussionCloseReason!) { closeDiscussion(input: { discussionId: $discussion, reason: $reason }) { discussion { " + IdeaFields + " } } }";

    public const string Lock =
        "mutation($discussion: ID!) { lockLockable(input: { lockableId: $discussion }) { lockedRecord { ... on Discussion { " + IdeaFields + " } } } }";

    /// <summary>Up to <see cref="PageSize"/> ideas' vote signals in one query: one alias <c>dN</c> per number.</summary>
    public static (string Document, Dictionary<string, object?> Variables) BulkVotes(string owner, string name, IReadOnlyList<long> numbers)
    {
        var text = new StringBuilder("query($owner: String!, $name: String!");
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["owner"] = owner, ["name"] = name };
        foreach (var number in numbers)
        {
            text.Append(CultureInfo.InvariantCulture, $", $n{number}: Int!");
            variables[$"n{number}"] = checked((int)number);
        }

        text.Append(") { repository(owner: $owner, name: $name) {");
        foreach (var number in numbers)
        {
            text.Append(CultureInfo.InvariantCulture, $" d{number}: discussion(number: $n{number}) {{ {IdeaFields} {Votes} }}");
        }

        text.Append(" } }");
        return (text.ToString(), variables);
    }
}
