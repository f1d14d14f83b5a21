using System.Globalization;
using System.Runtime.CompilerServices;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// The bulk vote-signal read: pages of issues with their award names through GraphQL (sizes and their reason in
/// <see cref="GitLabVoteSignalDocument"/>). Counts are always complete: an issue whose awards did not fit the
/// query's award page is completed by one REST read of its award list, whose reactions (with ids and times, which
/// GitLab's GraphQL <c>AwardEmoji</c> lacks) are then handed out as its voters. Otherwise voters are null. With
/// <see cref="VoteSignalQuery.Comments"/>, each page's comment signals follow (<c>GitLabTrackerClient.CommentSignals.cs</c>).
/// </summary>
public sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(
        string projectPath, VoteSignalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int queries = 0, count = 0, completed = 0;
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
                    completed += issue.AwardEmoji.PageInfo.HasNextPage ? 1 : 0;
                    page.Add(await SignalAsync(projectPath, issue, cancellationToken).ConfigureAwait(false));
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

        GitLabLog.VoteSignalsRead(logger, Name, projectPath, count, queries, completed);
    }

    private async Task<IssueVoteSignal> SignalAsync(string projectPath, GitLabSignalIssue issue, CancellationToken cancellationToken)
    {
        var number = ParseIid(projectPath, issue.Iid);
        var author = issue.Author is { } user ? new TrackerUser(user.Username, user.NumericId ?? 0) : null;
        if (!issue.AwardEmoji.PageInfo.HasNextPage)
        {
            return new IssueVoteSignal(number, CountNames(issue.AwardEmoji.Nodes.Select(a => a.Name)), null, Author: author, Title: issue.Title);
        }

        var reactions = new List<TrackerReaction>();
        await foreach (var reaction in ListIssueReactionsAsync(projectPath, number, cancellationToken).ConfigureAwait(false))
        {
            reactions.Add(reaction);
        }

        return new IssueVoteSignal(number, CountNames(reactions.Select(r => r.Name)), reactions, Author: author, Title: issue.Title);
    }

    private static Dictionary<string, int> CountNames(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
