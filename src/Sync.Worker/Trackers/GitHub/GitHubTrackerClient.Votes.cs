using System.Runtime.CompilerServices;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// The bulk read of vote signals. A reaction does not bump the issue (no <c>since</c> listing shows it), but it does
/// change the issue's <c>reactions</c> rollup, and with it the ETag of the listing page that shows the issue: so the
/// read lists every issue in created order (stable pages) with <c>If-None-Match</c>, and an unchanged page is a 304
/// that costs no rate limit and is answered from the stored, trimmed page (<see cref="GitHubCachePolicy.VoteReads"/>).
/// </summary>
internal sealed partial class GitHubTrackerClient
{
    /// <summary>
    /// Requests, each conditional once a validator is stored:
    /// without <see cref="VoteSignalQuery.Numbers"/>, one <c>GET /repos/{o}/{r}/issues?state=…&amp;sort=created&amp;direction=asc&amp;per_page=100</c>
    /// per page (ceil(N/100) for N issues and pull requests, following <c>Link</c>); with Numbers, one
    /// <c>GET /repos/{o}/{r}/issues/{n}</c> per distinct number (a number that is not found, gone or a pull request is left
    /// out). Comments add one <c>GET /repos/{o}/{r}/issues/comments?sort=created&amp;direction=asc&amp;per_page=100</c> per
    /// page for a listing, or one <c>GET .../issues/{n}/comments?per_page=100</c> per page per number.
    /// Counts hold every content of the rollup (<c>+1 -1 laugh confused heart hooray eyes rocket</c>, zeros included);
    /// Voters are null: the rollup has no users (read them per issue when needed).
    /// </summary>
    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(
        string projectPath,
        VoteSignalQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (owner, repo) = SplitRepository(projectPath);
        if (query.Numbers is { } numbers)
        {
            foreach (var number in numbers.Where(n => n is > 0 and <= int.MaxValue).Distinct().Order())
            {
                if (await VoteIssueAsync(owner, repo, projectPath, (int)number, cancellationToken).ConfigureAwait(false) is not { } issue)
                {
                    continue;
                }

                var comments = query.Comments ? await IssueCommentSignalsAsync(owner, repo, projectPath, (int)number, cancellationToken).ConfigureAwait(false) : null;
                yield return ToSignal(issue, projectPath, comments);
            }

            yield break;
        }

        var commentsByIssue = query.Comments ? await RepositoryCommentSignalsAsync(owner, repo, projectPath, cancellationToken).ConfigureAwait(false) : null;
        var resource = $"vote signals of {projectPath}";
        var parameters = new Dictionary<string, string>
        {
            ["state"] = query.State switch { IssueStateFilter.Open => "open", IssueStateFilter.Closed => "closed", _ => "all" },
            ["sort"] = "created",
            ["direction"] = "asc",
            ["per_page"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Uri? next = new($"repos/{owner}/{repo}/issues", UriKind.Relative);
        var (pages, signals, pullRequests) = (0, 0, 0);
        while (next is { } uri)
        {
            // The first page carries the query; every later one is the Link header's URL, which already has it.
            var pageParameters = pages == 0 ? parameters : null;
            var page = await RunAsync(
                client => client.Connection.Get<List<Issue>>(uri, pageParameters, GitHubMediaType, cancellationToken),
                resource,
                cancellationToken,
                GitHubCachePolicy.VoteReads).ConfigureAwait(false);
            pages++;
            foreach (var issue in page.Body ?? throw new TrackerProtocolException(Name, $"{resource} returned no JSON body"))
            {
                if (IsPullRequest(issue))
                {
                    pullRequests++;
                    continue;
                }

                signals++;
                yield return ToSignal(issue, projectPath, commentsByIssue is null ? null : commentsByIssue.GetValueOrDefault(issue.Number, []));
            }

            next = page.HttpResponse.ApiInfo.GetNextPageUrl();
        }

        GitHubLog.ReadVoteSignals(logger, Name, projectPath, signals, pages, pullRequests);
    }

    private async Task<Issue?> VoteIssueAsync(string owner, string repo, string projectPath, int number, CancellationToken cancellationToken)
    {
        var resource = $"vote signal of {projectPath}#{number}";
        try
        {
            var response = await RunAsync(
                client => client.Connection.Get<Issue>(new Uri($"repos/{owner}/{repo}/issues/{number}", UriKind.Relative), null, GitHubMediaType, cancellationToken),
                resource,
                cancellationToken,
                GitHubCachePolicy.VoteReads).ConfigureAwait(false);
            var issue = response.Body ?? throw new TrackerProtocolException(Name, $"{resource} returned no JSON body");
            if (IsPullRequest(issue))
            {
                return null;
            }

            // A transferred issue's 301 was followed: its votes are another issue's, under another number.
            var answered = GitHubIssueMapper.RepositoryPath(issue.Url) ?? projectPath;
            if (issue.Number != number || !string.Equals(answered, projectPath.Trim('/'), StringComparison.OrdinalIgnoreCase))
            {
                GitHubLog.IssueTransferred(logger, Name, resource, $"{Name}:{answered}#{issue.Number}");
                return null;
            }

            return issue;
        }
        catch (TrackerNotFoundException)
        {
            // A moved source or closed duplicate that has since been deleted (404 or 410), or a number that never was an issue.
            GitHubLog.VoteSignalNotFound(logger, Name, resource);
            return null;
        }
    }

    private IssueVoteSignal ToSignal(Issue issue, string projectPath, IReadOnlyList<CommentVoteSignal>? comments) => new(
        issue.Number,
        Counts(issue.Reactions, $"issue {projectPath}#{issue.Number}"),
        Voters: null,
        comments,
        issue.User is { } user ? new TrackerUser(user.Login, user.Id) : null,
        issue.Title);

    /// <summary>Every content of the rollup by its REST name; a missing rollup is an error, never zero votes.</summary>
    private Dictionary<string, int> Counts(ReactionSummary? rollup, string what) =>
        rollup is null
            ? throw new TrackerProtocolException(Name, $"{what} has no reactions rollup")
            : new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["+1"] = rollup.Plus1,
                ["-1"] = rollup.Minus1,
                ["laugh"] = rollup.Laugh,
                ["confused"] = rollup.Confused,
                ["heart"] = rollup.Heart,
                ["hooray"] = rollup.Hooray,
                ["eyes"] = rollup.Eyes,
                ["rocket"] = rollup.Rocket,
            };
}
