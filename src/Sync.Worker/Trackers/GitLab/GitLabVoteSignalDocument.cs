namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// The GraphQL document of the GitLab vote-signal read and its page sizes, derived in one place from GitLab's limits.
/// <para>
/// GitLab refuses an authenticated query whose complexity exceeds 250 (<c>AUTHENTICATED_MAX_COMPLEXITY</c>,
/// <c>app/graphql/gitlab_schema.rb</c>) and serves at most 100 items a page (<c>default_max_page_size 100</c>).
/// Complexity is computed by its vendored graphql-ruby (<c>vendor/gems/graphql/lib/graphql/schema/field.rb</c>,
/// <c>calculate_complexity</c>) and <c>app/graphql/types/base_field.rb</c>: each field costs 1 plus its children; a
/// connection counts its <c>pageInfo</c> (1 + one per sub-field) and <c>nodes</c> (1) once and everything inside
/// <c>nodes</c> once per item of <c>first</c>; a resolver field (<c>Project.issues</c>, <c>Query.project</c>) adds
/// its resolver's 1 (+1 with <c>sort</c>) and, for a connection without <c>iids</c>, 1% per item of <c>first</c>.
/// </para>
/// <para>
/// For this document, with <c>first: N</c> issues and <c>awardEmoji(first: M)</c>: an award costs 1 (<c>name</c>);
/// <c>awardEmoji</c> = 1 + M + 3; an issue = <c>iid</c> 1 + <c>title</c> 1 + <c>author { id username }</c> 3 +
/// <c>awardEmoji</c> = M + 9; <c>issues</c> = ⌊(N(M + 9) + 4 + 2) × (1 + N/100)⌋; <c>project</c> adds 1.
/// The award page and the issue page trade against each other (N(M + 9) is what the budget buys); M = 3 keeps every
/// issue with up to three awards in one query (an issue with more costs one REST read of its award list), and then
/// N = 17 is the largest page under 250 (complexity 246; 18 would be 262). Listing by <c>iids</c> drops the 1% term:
/// N = 20 (complexity 247).
/// </para>
/// <para>
/// GitLab's <c>AwardEmoji</c> has no <c>id</c> and no <c>createdAt</c>
/// (<c>app/graphql/types/award_emojis/award_emoji_type.rb</c>), so the bulk read yields award names (the counts), not
/// reactions: the voters of an issue come from REST (<c>GET .../award_emoji</c>).
/// </para>
/// </summary>
internal static class GitLabVoteSignalDocument
{
    public const int MaxComplexity = 250;
    public const int MaxPageSize = 100;
    public const int AwardsPerIssue = 3;

    /// <summary>Issues per query when listing a state (17 with three awards each).</summary>
    public static readonly int IssuesPerPage = LargestPage(byIids: false);

    /// <summary>Issues per query when reading given iids (20).</summary>
    public static readonly int IssuesPerIidsChunk = LargestPage(byIids: true);

    public const string Query = """
        query VoteSignals($fullPath: ID!, $state: IssuableState, $iids: [String!], $first: Int!, $after: String, $awards: Int!) {
          project(fullPath: $fullPath) {
            issues(state: $state, iids: $iids, first: $first, after: $after, sort: CREATED_ASC) {
              pageInfo { hasNextPage endCursor }
              nodes {
                iid
                title
                author { id username }
                awardEmoji(first: $awards) { pageInfo { hasNextPage } nodes { name } }
              }
            }
          }
        }
        """;

    /// <summary>
    /// Notes read per issue by <see cref="CommentQuery"/> (system notes included: <c>Issue.notes</c> takes no filter);
    /// an issue with more is completed through REST.
    /// </summary>
    public const int NotesPerIssue = 5;

    /// <summary>
    /// Issues per <see cref="CommentQuery"/> (5): an award 1, <c>awardEmoji</c> M + 4 = 7, a note <c>id</c> + that = 8,
    /// <c>notes(first: 5)</c> = 1 + 5 × 8 + 3 = 44, an issue <c>iid</c> + that = 45; by iids:
    /// N × 45 + 1 + 1, + 1 for <c>project</c>: 228 for 5 issues, 273 for 6.
    /// </summary>
    public static readonly int IssuesPerCommentQuery = LargestCommentPage();

    /// <summary>The comments' award names of the given issues (comment votes; off unless configured).</summary>
    public const string CommentQuery = """
        query CommentSignals($fullPath: ID!, $iids: [String!], $first: Int!, $notes: Int!, $awards: Int!) {
          project(fullPath: $fullPath) {
            issues(iids: $iids, first: $first) {
              nodes {
                iid
                notes(first: $notes) {
                  pageInfo { hasNextPage }
                  nodes { id awardEmoji(first: $awards) { pageInfo { hasNextPage } nodes { name } } }
                }
              }
            }
          }
        }
        """;

    /// <summary>GitLab's complexity of <see cref="CommentQuery"/> (always by iids, so without the 1% term).</summary>
    public static int CommentComplexity(int issues, int notes, int awards)
    {
        var award = 1 + awards + 3;
        var note = 1 + award;
        var noteConnection = 1 + (notes * note) + 3;
        var issue = 1 + noteConnection;
        return (issues * issue) + 1 + 1 + 1;
    }

    private static int LargestCommentPage()
    {
        var size = 1;
        while (size < MaxPageSize && CommentComplexity(size + 1, NotesPerIssue, AwardsPerIssue) <= MaxComplexity)
        {
            size++;
        }

        return size;
    }

    /// <summary>GitLab's complexity of <see cref="Query"/> for <paramref name="issues"/> issues and <paramref name="awards"/> awards each.</summary>
    public static int Complexity(int issues, int awards, bool byIids)
    {
        var award = 1 + awards + 3;
        var issue = 1 + 1 + 3 + award;
        double connection = (issues * issue) + 4 + 2;
        if (!byIids)
        {
            connection += connection * issues * 0.01;
        }

        return (int)connection + 1;
    }

    private static int LargestPage(bool byIids)
    {
        var size = 1;
        while (size < MaxPageSize && Complexity(size + 1, AwardsPerIssue, byIids) <= MaxComplexity)
        {
            size++;
        }

        return size;
    }
}
