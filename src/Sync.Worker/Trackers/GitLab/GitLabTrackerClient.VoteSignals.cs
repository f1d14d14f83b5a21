using System.Globalization;
using System.Runtime.CompilerServices;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// The bulk vote-signal read: pages of issues with their newest award, thumbs counts, title and author through GraphQL
/// (sizes and their reason in <see cref="GitLabVoteSignalDocument"/>), and nothing else: no issue costs a REST read
/// here, however many awards it has. An issue whose awards fit the page gets its exact counts by name. One with more
/// (<c>hasPreviousPage</c>) gets a signal that moves when its votes move, not counts: the names on the page, GitLab's
/// <c>upvotes</c>/<c>downvotes</c>, <c>~overflow</c> = 1 and the newest award's cursor (a new award is always the
/// newest, whatever its name, so it moves the cursor; a removed plain thumb moves upvotes/downvotes). A removed older
/// award of any other name (a skin tone, an extra emoji) may leave that signal as it was: the votes stage's full
/// re-count (daily by default) catches it. Voters are always null (GitLab's GraphQL <c>AwardEmoji</c> has no id and
/// no time): the stage reads the award list of an issue whose signal changed. With <see cref="VoteSignalQuery.Comments"/>,
/// each page's comment signals follow (<c>GitLabTrackerClient.CommentSignals.cs</c>).
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(
        string projectPath, VoteSignalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int queries = 0, count = 0, overflowing = 0;
        var resource = $"vote signals of {projectPath}";

        // Listing by iids reads the named issues whatever their state (moved sources and closed duplicates are closed).
        var chunks = query.Numbers is null
            ? [null]
            : query.Numbers.Distinct().Order().Chunk(GitLabVoteSignalDocument.IssuesPerIidsChunk).Select(c => (long[]?)c).ToList();
        foreach (var chunk in chunks)
        {
            string? after = null;
            do
            {
                var variables = new Dictionary<string, object?>
                {
                    ["fullPath"] = projectPath.Trim('/'),
                    ["state"] = chunk is null ? GitLabIssueMapper.StateParameter(query.State) : null,
                    ["iids"] = chunk?.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray(),
                    ["first"] = chunk?.Length ?? GitLabVoteSignalDocument.IssuesPerPage,
                    ["after"] = after,
                    ["awards"] = GitLabVoteSignalDocument.AwardsPerIssue,
                };
                var data = await QueryAsync<GitLabVoteSignalData>(GitLabVoteSignalDocument.Query, variables, resource, cancellationToken).ConfigureAwait(false);
                queries++;
                var issues = data.Project?.Issues ?? throw new TrackerNotFoundException(Name, $"project {projectPath} (GraphQL answered project: null)");
                var page = new List<IssueVoteSignal>(issues.Nodes.Count);
                foreach (var issue in issues.Nodes)
                {
                    overflowing += issue.AwardEmoji.PageInfo.HasPreviousPage ? 1 : 0;
                    page.Add(Signal(projectPath, issue));
                }

                var comments = query.Comments && page.Count > 0
                    ? await CommentSignalsAsync(projectPath, [.. page.Select(s => s.Number)], cancellationToken).ConfigureAwait(false)
                    : null;
                foreach (var signal in page)
                {
                    count++;
                    yield return comments is null ? signal : signal with { Comments = comments.GetValueOrDefault(signal.Number) ?? [] };
                }

                after = !issues.PageInfo.HasNextPage ? null
                    : issues.PageInfo.EndCursor ?? throw new TrackerProtocolException(Name, $"{resource}: a next page without an end cursor");
            }
            while (after is not null);
        }

        GitLabLog.VoteSignalsRead(logger, Name, projectPath, count, queries, overflowing);
    }

    private IssueVoteSignal Signal(string projectPath, GitLabSignalIssue issue)
    {
        var author = issue.Author is { } user ? new TrackerUser(user.Username, user.NumericId ?? 0) : null;
        var counts = AwardPageCounts(issue.AwardEmoji);
        if (issue.AwardEmoji.PageInfo.HasPreviousPage)
        {
            counts[GitLabVoteSignalDocument.Upvotes] = issue.Upvotes;
            counts[GitLabVoteSignalDocument.Downvotes] = issue.Downvotes;
        }

        return new IssueVoteSignal(ParseIid(projectPath, issue.Iid), counts, null, Author: author, Title: issue.Title);
    }

    /// <summary>
    /// The names on an award page counted; for a page that does not hold every award, also <c>~overflow</c> = 1 and
    /// <c>~newest:&lt;endCursor&gt;</c> = 1 (those keys are not emoji names: the votes stage only fingerprints the counts
    /// and checks them for all zero).
    /// </summary>
    private static Dictionary<string, int> AwardPageCounts(GitLabSignalAwards awards)
    {
        var counts = CountNames(awards.Nodes.Select(a => a.Name));
        if (awards.PageInfo.HasPreviousPage)
        {
            counts[GitLabVoteSignalDocument.Overflow] = 1;
            counts[GitLabVoteSignalDocument.NewestPrefix + awards.PageInfo.EndCursor] = 1;
        }

        return counts;
    }

    private static Dictionary<string, int> CountNames(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
