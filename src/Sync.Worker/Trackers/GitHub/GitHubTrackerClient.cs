using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Internal;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// GitHub through Octokit, whose HTTP runs over the tracker's named handler chain (resilience, request
/// accounting, bearer token) via <see cref="HttpClientAdapter"/>. A fresh Octokit client per call keeps
/// IHttpClientFactory's handler rotation; the factory's handlers ignore disposal.
/// Octokit's issue methods take no CancellationToken: the token is honoured between and around calls
/// (<see cref="Task.WaitAsync(CancellationToken)"/>), not inside an in-flight request.
/// The port is split per resource: issues (this file and <c>.Issues</c>), comments and reactions, labels and
/// milestones, unsupported features.
/// </summary>
/// <param name="cursorStore">
/// Backs the conditional-request cache of incremental issue listings and of vote reads (<see cref="GitHubResponseCache"/>);
/// without one every listing is sent unconditionally (a vote read then costs its full rate every time).
/// </param>
internal sealed partial class GitHubTrackerClient(
    TrackerRegistration registration,
    IHttpMessageHandlerFactory handlerFactory,
    ILogger<GitHubTrackerClient> logger,
    ICursorStore? cursorStore = null,
    TimeProvider? timeProvider = null)
    : ITrackerClient
{
    internal const int PageSize = 100;

    private static readonly ProductHeaderValue Product = new("IssueSync");

    private readonly Uri _baseAddress = GitHubBaseAddress.From(registration.ApiRoot);

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.GitHub;

    public Uri WebRoot => registration.WebRoot;

    public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        RunAsync(async client =>
        {
            var user = await client.User.Current().ConfigureAwait(false);
            return new TrackerUser(user.Login, user.Id);
        }, "GET /user", cancellationToken);

    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(
        string projectPath,
        IssueQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var request = ListRequest(query);

        // Octokit follows the Link header itself and returns every page at once.
        var issues = await RunAsync(
            client => client.Issue.GetAllForRepository(owner, repo, request, new ApiOptions { PageSize = PageSize }),
            $"issues of {projectPath}",
            cancellationToken).ConfigureAwait(false);

        var pullRequests = 0;
        foreach (var issue in issues)
        {
            if (IsPullRequest(issue))
            {
                pullRequests++;
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubIssueMapper.ToIssue(issue, Name, projectPath);
        }

        if (pullRequests > 0)
        {
            Log.SkippedPullRequests(logger, Name, projectPath, pullRequests);
        }

        var pages = Math.Max(1, (issues.Count + PageSize - 1) / PageSize);
        Log.ListedIssues(logger, Name, projectPath, issues.Count - pullRequests, pages);
    }

    public async Task<IssuePage> ListIssuePageAsync(string projectPath, IssueQuery query, int page, CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var request = ListRequest(query);
        var options = new ApiOptions { PageSize = PageSize, PageCount = 1, StartPage = page > 1 ? page : null };
        var (items, hasMore) = await RunAsync(
            async client =>
            {
                var items = await client.Issue.GetAllForRepository(owner, repo, request, options).ConfigureAwait(false);
                return (items, client.GetLastApiInfo()?.Links.ContainsKey("next") == true);
            },
            $"issues of {projectPath}",
            cancellationToken).ConfigureAwait(false);
        var issues = items.Where(i => !IsPullRequest(i)).Select(i => GitHubIssueMapper.ToIssue(i, Name, projectPath)).ToList();
        var last = items.Count > 0 ? items[^1].UpdatedAt ?? items[^1].CreatedAt : (DateTimeOffset?)null;
        return new IssuePage(issues, last, hasMore && items.Count > 0);
    }

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"issue {projectPath}#{number}";
        if (number is <= 0 or > int.MaxValue)
        {
            throw new TrackerNotFoundException(Name, resource);
        }

        var issue = await RunAsync(client => client.Issue.Get(owner, repo, (int)number), resource, cancellationToken).ConfigureAwait(false);
        return !IsPullRequest(issue)
            ? Answered(GitHubIssueMapper.ToIssue(issue, Name, projectPath), projectPath, number, resource)
            : throw new TrackerNotFoundException(Name, $"{resource} (it is a pull request)");
    }

    /// <summary>
    /// The issue GitHub answered, when it is the one asked for. A transferred issue answers 301 and Octokit follows it,
    /// so the body is the issue in another repository, under another number: handing it back as the old reference
    /// would record it (votes, ledger, labels) where it is not. It is reported as not found there, naming where it went.
    /// </summary>
    private TrackerIssue Answered(TrackerIssue answered, string projectPath, long number, string resource)
    {
        if (GitHubIssueMapper.IsAt(answered, projectPath, number))
        {
            return answered;
        }

        GitHubLog.IssueTransferred(logger, Name, resource, answered.Ref.ToString());
        throw new TrackerNotFoundException(Name, resource, statusCode: 301, transferredTo: answered.Ref);
    }

    private async Task<T> RunAsync<T>(
        Func<IGitHubClient, Task<T>> call, string resource, CancellationToken cancellationToken, GitHubCachePolicy cachePolicy = GitHubCachePolicy.IncrementalListings)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var adapter = new HttpClientAdapter(() => handlerFactory.CreateHandler(Name));
        var connection = new Connection(Product, _baseAddress, new InMemoryCredentialStore(Credentials.Anonymous), adapter, new SimpleJsonSerializer());
        var cache = cursorStore is null ? null : new GitHubResponseCache(Name, cursorStore, timeProvider ?? TimeProvider.System, cancellationToken, cachePolicy);
        if (cache is not null)
        {
            connection.ResponseCache = cache;
        }

        try
        {
            // Octokit leaves the result null when the body is not JSON (wrong or missing Content-Type).
            var result = await call(new GitHubClient(connection)).WaitAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new TrackerProtocolException(Name, $"{resource} returned no JSON body");
            if (cache is not null)
            {
                await cache.FlushAsync(logger).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        catch (Exception ex) when (GitHubErrors.Translate(Name, ex, resource, cancellationToken) is { } translated)
        {
            Log.RequestFailed(logger, Name, resource, translated.GetType().Name);
            throw translated;
        }
    }

    private static RepositoryIssueRequest ListRequest(IssueQuery query)
    {
        var request = new RepositoryIssueRequest
        {
            State = GitHubIssueMapper.StateFilter(query.State),
            Filter = IssueFilter.All,
            SortProperty = IssueSort.Updated,
            SortDirection = SortDirection.Ascending,
            Since = query.UpdatedSince?.ToUniversalTime(),
        };
        foreach (var label in query.Labels ?? [])
        {
            request.Labels.Add(label);
        }

        return request;
    }

    private static bool IsPullRequest(Issue issue) => issue.PullRequest is not null;

    private static int ToInt(long number) => number is > 0 and <= int.MaxValue ? (int)number : 0;

    private (string Owner, string Repo) SplitRepository(string projectPath)
    {
        var parts = projectPath.Trim('/').Split('/');
        return parts is [{ Length: > 0 } owner, { Length: > 0 } repo]
            ? (owner, repo)
            : throw new TrackerNotFoundException(Name, $"'{projectPath}' (GitHub projects are 'owner/repo')");
    }
}
