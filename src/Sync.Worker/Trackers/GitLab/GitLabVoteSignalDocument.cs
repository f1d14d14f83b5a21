namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// The GraphQL documents of the GitLab vote-signal read and their page sizes, derived in one place from GitLab's limits.
/// <para>
/// GitLab refuses an authenticated query whose complexity exceeds 250 (<c>AUTHENTICATED_MAX_COMPLEXITY</c>,
/// <c>app/graphql/gitlab_schema.rb</c>) and serves at most 100 items a page (<c>default_max_page_size 100</c>).
/// Complexity is computed by its vendored graphql-ruby (<c>vendor/gems/graphql/lib/graphql/schema/field.rb</c>,
/// <c>calculate_complexity</c>) and <c>app/graphql/types/base_field.rb</c>: each field costs 1 plus its children; a
/// connection counts its <c>pageInfo</c> (1 + one per sub-field) and <c>nodes</c> (1) once and everything inside
/// <c>nodes</c> once per item of the page, the page being the larger of <c>first</c> and <c>last</c>; a resolver
/// field (<c>Project.issues</c>, <c>Query.project</c>, <c>Issue.upvotes</c>/<c>downvotes</c>, whose
/// <c>Resolvers::UpVotesCountResolver</c> keeps <c>BaseResolver</c>'s complexity 1) adds its resolver's 1 (+1 with
/// <c>sort</c>) and, for a connection without <c>iids</c>, 1% per item of the smaller of <c>first</c>/<c>last</c>.
/// </para>
/// <para>
/// For <see cref="Query"/>, with <c>first: N</c> issues and <c>awardEmoji(last: M)</c>: an award costs 1 (<c>name</c>);
/// <c>awardEmoji</c> = 1 + M + 4 (<c>pageInfo</c> with two sub-fields 3, <c>nodes</c> 1); an issue = <c>iid</c> 1 +
/// <c>title</c> 1 + <c>author { id username }</c> 3 + <c>upvotes</c> 1 + <c>downvotes</c> 1 + <c>awardEmoji</c> =
/// M + 12; <c>issues</c> = ⌊(N(M + 12) + 4 + 2) × (1 + N/100)⌋; <c>project</c> adds 1. Everything but the award page
/// is what the votes stage needs, so M = 1 (the newest award) buys the largest issue page: N = 16 (complexity 249;
/// 17 would be 266), ⌈10,000 / 16⌉ = 625 queries for 10,000 open issues. Listing by <c>iids</c> drops the 1% term:
/// N = 18 (complexity 241).
/// </para>
/// <para>
/// An issue whose awards do not fit the page (<c>hasPreviousPage</c>) is not completed here: its signal is the names
/// on the page plus <see cref="Upvotes"/>, <see cref="Downvotes"/>, <see cref="Overflow"/> and
/// <see cref="NewestPrefix"/> + the page's <c>endCursor</c> (see <c>GitLabTrackerClient.VoteSignals.cs</c>).
/// </para>
/// </summary>
internal static class GitLabVoteSignalDocument
{
    public const int MaxComplexity = 250;
    public const int MaxPageSize = 100;

    /// <summary>Awards read per issue or comment: the newest one (<c>last: 1</c>).</summary>
    public const int AwardsPerIssue = 1;

    /// <summary>Signal key of an overflowing award list: GitLab's thumbs-up count (plain <c>thumbsup</c>).</summary>
    public const string Upvotes = "~upvotes";

    /// <summary>Signal key of an overflowing award list: GitLab's thumbs-down count (plain <c>thumbsdown</c>).</summary>
    public const string Downvotes = "~downvotes";

    /// <summary>Signal key (value 1) of an award list longer than the page: the counts are not complete.</summary>
    public const string Overflow = "~overflow";

    /// <summary>Prefix of the signal key (value 1) naming the cursor of the newest award, which any new award moves.</summary>
    public const string NewestPrefix = "~newest:";

    /// <summary>Issues per query when listing a state (16).</summary>
    public static readonly int IssuesPerPage = LargestPage(byIids: false);

    /// <summary>Issues per query when reading given iids (18).</summary>
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
                upvotes
                downvotes
                awardEmoji(last: $awards) { pageInfo { hasPreviousPage endCursor } nodes { name } }
              }
            }
          }
        }
        """;

    /// <summary>
    /// Notes read per issue by <see cref="CommentQuery"/> (system notes included: <c>Issue.notes</c> takes no filter);
    /// an issue with more is read through REST (its notes, then each comment's award list) on every pass.
    /// </summary>
    public const int NotesPerIssue = 5;

    /// <summary>
    /// Issues per <see cref="CommentQuery"/> (6): an award 1, <c>awardEmoji(last: 1)</c> 1 + 1 + 4 = 6, a note <c>id</c> +
    /// that = 7, <c>notes(first: 5)</c> = 1 + 5 × 7 + 3 = 39, an issue <c>iid</c> + that = 40; by iids:
    /// N × 40 + 1 + 1, + 1 for <c>project</c>: 243 for 6 issues, 283 for 7.
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
                  nodes { id awardEmoji(last: $awards) { pageInfo { hasPreviousPage endCursor } nodes { name } } }
                }
              }
            }
          }
        }
        """;

    /// <summary>GitLab's complexity of <see cref="CommentQuery"/> (always by iids, so without the 1% term).</summary>
    public static int CommentComplexity(int issues, int notes, int awards)
    {
        var award = 1 + awards + 4;
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
        var award = 1 + awards + 4;
        var issue = 1 + 1 + 3 + 1 + 1 + award;
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
