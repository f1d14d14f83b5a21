using System.Globalization;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// Comment vote signals: comment objects carry the same <c>reactions</c> rollup as issues, and a reaction on a comment
/// changes only the pages showing that comment, so the comment pages are read conditionally too.
/// </summary>
internal sealed partial class GitHubTrackerClient
{
    /// <summary>
    /// Every comment of the repository, <c>GET /repos/{o}/{r}/issues/comments?sort=created&amp;direction=asc&amp;per_page=100</c>
    /// page by page (pull-request comments included; they are simply never asked for), grouped by the issue number of
    /// each comment's <c>issue_url</c>.
    /// </summary>
    private async Task<Dictionary<int, List<CommentVoteSignal>>> RepositoryCommentSignalsAsync(
        string owner, string repo, string projectPath, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["sort"] = "created",
            ["direction"] = "asc",
            ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
        var byIssue = new Dictionary<int, List<CommentVoteSignal>>();
        await foreach (var comment in CommentPagesAsync(new Uri($"repos/{owner}/{repo}/issues/comments", UriKind.Relative), parameters, $"comment vote signals of {projectPath}", cancellationToken)
            .ConfigureAwait(false))
        {
            var number = IssueNumberOf(comment, projectPath);
            if (!byIssue.TryGetValue(number, out var list))
            {
                byIssue[number] = list = [];
            }

            list.Add(ToCommentSignal(comment, projectPath));
        }

        return byIssue;
    }

    /// <summary>One issue's comments, <c>GET .../issues/{n}/comments?per_page=100</c> page by page.</summary>
    private async Task<List<CommentVoteSignal>> IssueCommentSignalsAsync(string owner, string repo, string projectPath, int number, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string> { ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture) };
        var signals = new List<CommentVoteSignal>();
        await foreach (var comment in CommentPagesAsync(
            new Uri($"repos/{owner}/{repo}/issues/{number}/comments", UriKind.Relative), parameters, $"comment vote signals of {projectPath}#{number}", cancellationToken)
            .ConfigureAwait(false))
        {
            signals.Add(ToCommentSignal(comment, projectPath));
        }

        return signals;
    }

    private async IAsyncEnumerable<GitHubVoteComment> CommentPagesAsync(
        Uri first, Dictionary<string, string> parameters, string resource, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = first;
        var pages = 0;
        while (next is { } uri)
        {
            var pageParameters = pages == 0 ? parameters : null;
            var page = await RunAsync(
                client => client.Connection.Get<List<GitHubVoteComment>>(uri, pageParameters, GitHubMediaType, cancellationToken),
                resource,
                cancellationToken,
                GitHubCachePolicy.VoteReads).ConfigureAwait(false);
            pages++;
            foreach (var comment in page.Body ?? throw new TrackerProtocolException(Name, $"{resource} returned no JSON body"))
            {
                yield return comment;
            }

            next = page.HttpResponse.ApiInfo.GetNextPageUrl();
        }
    }

    private CommentVoteSignal ToCommentSignal(GitHubVoteComment comment, string projectPath) =>
        new(comment.Id, Counts(comment.Reactions, $"comment {comment.Id} in {projectPath}"), Voters: null);

    /// <summary>The number at the end of <c>issue_url</c> (<c>…/repos/{o}/{r}/issues/{n}</c>).</summary>
    private int IssueNumberOf(GitHubVoteComment comment, string projectPath) =>
        comment.IssueUrl is { } url
        && int.TryParse(url.AsSpan(url.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TrackerProtocolException(Name, $"comment {comment.Id} in {projectPath} has no issue_url");
}

/// <summary>
/// The fields of a comment a vote signal needs. Octokit's <c>IssueComment</c> has no <c>issue_url</c>, the only link
/// from a repository-wide comment listing to its issue, so comments are read into this type.
/// </summary>
internal sealed class GitHubVoteComment
{
    public long Id { get; init; }

    public string? IssueUrl { get; init; }

    public ReactionSummary? Reactions { get; init; }
}
