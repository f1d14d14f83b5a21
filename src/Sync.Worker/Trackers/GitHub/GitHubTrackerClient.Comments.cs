using System.Runtime.CompilerServices;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>Issue comments and the reactions on issues and comments. Octokit follows the Link header itself.</summary>
internal sealed partial class GitHubTrackerClient
{
    private static ApiOptions AllPages => new() { PageSize = PageSize };

    /// <summary><c>GET .../issues/{n}/comments?per_page=100</c>, one request per page.</summary>
    public async IAsyncEnumerable<TrackerComment> ListCommentsAsync(
        string projectPath,
        long number,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"comments of {projectPath}#{number}";
        var n = IssueNumber(number, resource);
        var comments = await RunAsync(client => client.Issue.Comment.GetAllForIssue(owner, repo, n, AllPages), resource, cancellationToken)
            .ConfigureAwait(false);
        foreach (var comment in comments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubContentMapper.ToComment(comment, Name);
        }
    }

    /// <summary>One <c>POST .../issues/{n}/comments</c>; an internal comment is refused before any request.</summary>
    /// <exception cref="NotSupportedException"><paramref name="isInternal"/> is true.</exception>
    public async Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        if (isInternal)
        {
            throw new NotSupportedException(
                $"Tracker '{Name}' is GitHub, which has no internal comments; refusing to post an internal note on {projectPath}#{number} publicly");
        }

        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"new comment on {projectPath}#{number}";
        BodyLimits.GitHub.EnsureFits(Name, resource, body, isComment: true);
        var n = IssueNumber(number, resource);
        var comment = await RunAsync(client => client.Issue.Comment.Create(owner, repo, n, body), resource, cancellationToken).ConfigureAwait(false);
        return GitHubContentMapper.ToComment(comment, Name);
    }

    /// <summary>One <c>PATCH .../issues/comments/{id}</c> (GitHub addresses comments by id alone; the issue number is not sent).</summary>
    public async Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken)
    {
        BodyLimits.GitHub.EnsureFits(Name, $"comment {commentId} of {projectPath}#{number}", body, isComment: true);
        var (owner, repo) = SplitRepository(projectPath);
        var comment = await RunAsync(
            client => client.Issue.Comment.Update(owner, repo, commentId, body),
            $"comment {commentId} of {projectPath}#{number}",
            cancellationToken).ConfigureAwait(false);
        return GitHubContentMapper.ToComment(comment, Name);
    }

    /// <summary><c>GET .../issues/{n}/reactions?per_page=100</c>, one request per page.</summary>
    public async IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(
        string projectPath,
        long number,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"reactions of {projectPath}#{number}";
        var n = IssueNumber(number, resource);
        var reactions = await RunAsync(client => ReactionsAsync(client, $"repos/{owner}/{repo}/issues/{n}/reactions"), resource, cancellationToken)
            .ConfigureAwait(false);
        foreach (var reaction in reactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubContentMapper.ToReaction(reaction, Name);
        }
    }

    /// <summary><c>GET .../issues/comments/{id}/reactions?per_page=100</c>, one request per page.</summary>
    public async IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(
        string projectPath,
        long number,
        long commentId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var reactions = await RunAsync(
            client => ReactionsAsync(client, $"repos/{owner}/{repo}/issues/comments/{commentId}/reactions"),
            $"reactions of comment {commentId} on {projectPath}#{number}",
            cancellationToken).ConfigureAwait(false);
        foreach (var reaction in reactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubContentMapper.ToReaction(reaction, Name);
        }
    }

    private static Task<IReadOnlyList<GitHubReaction>> ReactionsAsync(IGitHubClient client, string path) =>
        new ApiConnection(client.Connection).GetAll<GitHubReaction>(new Uri(path, UriKind.Relative), null, GitHubMediaType, AllPages);

    private int IssueNumber(long number, string resource) =>
        ToInt(number) is > 0 and var n ? n : throw new TrackerNotFoundException(Name, resource);
}
