using System.Globalization;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// Comment vote signals (only when comment votes count): the comments' award names of a few issues per GraphQL query
/// (<see cref="GitLabVoteSignalDocument.CommentQuery"/>). Only comments with at least one award are reported. A comment
/// with more awards than its award page (the newest) gets a signal like an overflowing issue's, without the thumbs
/// counts GitLab's <c>Note</c> lacks: the names on the page, <c>~overflow</c> = 1 and the newest award's cursor (a
/// removed older award is caught by the votes stage's full re-count). An issue with more comments than the query's
/// note page is read through REST instead, on every pass (its notes, then each comment's award list), and those
/// comments carry their voters.
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    private async Task<Dictionary<long, IReadOnlyList<CommentVoteSignal>>> CommentSignalsAsync(
        string projectPath, IReadOnlyList<long> numbers, CancellationToken cancellationToken)
    {
        var resource = $"comment vote signals of {projectPath}";
        var result = new Dictionary<long, IReadOnlyList<CommentVoteSignal>>();
        foreach (var chunk in numbers.Chunk(GitLabVoteSignalDocument.IssuesPerCommentQuery))
        {
            var variables = new Dictionary<string, object?>
            {
                ["fullPath"] = projectPath.Trim('/'),
                ["iids"] = chunk.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray(),
                ["first"] = chunk.Length,
                ["notes"] = GitLabVoteSignalDocument.NotesPerIssue,
                ["awards"] = GitLabVoteSignalDocument.AwardsPerIssue,
            };
            var data = await QueryAsync<GitLabCommentSignalData>(GitLabVoteSignalDocument.CommentQuery, variables, resource, cancellationToken).ConfigureAwait(false);
            var issues = data.Project?.Issues ?? throw new TrackerNotFoundException(Name, $"project {projectPath} (GraphQL answered project: null)");
            foreach (var issue in issues.Nodes)
            {
                var number = ParseIid(projectPath, issue.Iid);
                result[number] = !issue.Notes.PageInfo.HasNextPage
                    ? [.. issue.Notes.Nodes.Where(n => n.AwardEmoji.Nodes.Count > 0).Select(n => new CommentVoteSignal(
                        n.NumericId ?? throw new TrackerProtocolException(Name, $"{resource}: note id '{n.Id}' is not a global id"),
                        AwardPageCounts(n.AwardEmoji),
                        null))]
                    : await CommentSignalsFromRestAsync(projectPath, number, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<CommentVoteSignal>> CommentSignalsFromRestAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var signals = new List<CommentVoteSignal>();
        await foreach (var comment in ListCommentsAsync(projectPath, number, cancellationToken).ConfigureAwait(false))
        {
            if (comment.System)
            {
                continue;
            }

            var reactions = new List<TrackerReaction>();
            await foreach (var reaction in ListCommentReactionsAsync(projectPath, number, comment.Id, cancellationToken).ConfigureAwait(false))
            {
                reactions.Add(reaction);
            }

            if (reactions.Count > 0)
            {
                signals.Add(new CommentVoteSignal(comment.Id, CountNames(reactions.Select(r => r.Name)), reactions));
            }
        }

        return signals;
    }

    private long ParseIid(string projectPath, string iid) =>
        long.TryParse(iid, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TrackerProtocolException(Name, $"vote signals of {projectPath}: iid '{iid}' is not a number");
}
