using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Internal;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// GitHub through Octokit, whose HTTP runs over the tracker's named handler chain (resilience, request
/// accounting, bearer token) via <see cref="HttpClientAdapter"/>. A fresh Octokit client per call keeps
/// IHttpClientFactory's handler rotation; the factory's handlers ignore disposal.
/// Octokit's issue methods take no CancellationToken: the token is honoured between and around calls
/// (<see cref="Task.WaitAsync(CancellationToken)"/>), not inside an in-flight request.
/// </summary>
public sealed class GitHubTrackerClient(TrackerRegistration registration, IHttpMessageHandlerFactory handlerFactory, ILogger<GitHubTrackerClient> logger)
    : ITrackerClient
{
    internal const int PageSize = 100;

    private static readonly ProductHeaderValue Product = new("IssueSync");

    private readonly Uri _baseAddress = GitHubBaseAddress.From(registration.ApiRoot);

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.GitHub;

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

        // Octokit follows the Link header itself and returns every page at once.
        var issues = await RunAsync(
            client => client.Issue.GetAllForRepository(owner, repo, request, new ApiOptions { PageSize = PageSize }),
            $"issues of {projectPath}",
            cancellationToken).ConfigureAwait(false);

        var pullRequests = 0;
        foreach (var issue in issues)
        {
            if (issue.PullRequest is not null)
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

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"issue {projectPath}#{number}";
        if (number is <= 0 or > int.MaxValue)
        {
            throw new TrackerNotFoundException(Name, resource);
        }

        var issue = await RunAsync(client => client.Issue.Get(owner, repo, (int)number), resource, cancellationToken).ConfigureAwait(false);
        return issue.PullRequest is null
            ? GitHubIssueMapper.ToIssue(issue, Name, projectPath)
            : throw new TrackerNotFoundException(Name, $"{resource} (it is a pull request)");
    }

    private async Task<T> RunAsync<T>(Func<IGitHubClient, Task<T>> call, string resource, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var adapter = new HttpClientAdapter(() => handlerFactory.CreateHandler(Name));
        var connection = new Connection(Product, _baseAddress, new InMemoryCredentialStore(Credentials.Anonymous), adapter, new SimpleJsonSerializer());
        try
        {
            // Octokit leaves the result null when the body is not JSON (wrong or missing Content-Type).
            return await call(new GitHubClient(connection)).WaitAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new TrackerProtocolException(Name, $"{resource} returned no JSON body");
        }
        catch (Exception ex) when (GitHubErrors.Translate(Name, ex, resource, cancellationToken) is { } translated)
        {
            Log.RequestFailed(logger, Name, resource, translated.GetType().Name);
            throw translated;
        }
    }

    private (string Owner, string Repo) SplitRepository(string projectPath)
    {
        var parts = projectPath.Trim('/').Split('/');
        return parts is [{ Length: > 0 } owner, { Length: > 0 } repo]
            ? (owner, repo)
            : throw new TrackerNotFoundException(Name, $"'{projectPath}' (GitHub projects are 'owner/repo')");
    }

    // Pending (issue 3): implemented by the adapter work that follows; listed here so the port compiles.
    public Task<TrackerIssue> CreateIssueAsync(string projectPath, Sync.Core.Trackers.NewIssue issue, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken) => throw new NotImplementedException();

    public IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) => throw new NotImplementedException();

    public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) => throw new NotImplementedException();

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) => throw new NotImplementedException();

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken) => throw new NotImplementedException();
}
