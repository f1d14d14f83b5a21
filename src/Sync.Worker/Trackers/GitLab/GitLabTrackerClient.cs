using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// GitLab REST v4 over the tracker's named HttpClient (base address = API root with trailing slash, e.g.
/// <c>https://gitlab.com/api/v4/</c>); requests use relative URIs so a path prefix in the root is kept.
/// </summary>
public sealed class GitLabTrackerClient(TrackerRegistration registration, IHttpClientFactory httpClientFactory, ILogger<GitLabTrackerClient> logger)
    : ITrackerClient
{
    internal const int PageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrackerHttp _http = new(registration.Name, GitLabErrorMessage.Read, logger);

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.GitLab;

    public async Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var user = await GetJsonAsync<GitLabUserDto>(new Uri("user", UriKind.Relative), "GET /user", cancellationToken).ConfigureAwait(false);
        return new TrackerUser(user.Username, user.Id);
    }

    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(
        string projectPath,
        IssueQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(Name);
        var next = new Uri(client.BaseAddress!, ProjectSegment(projectPath) + "/issues?" + ListQuery(query));
        var resource = $"issues of {projectPath}";
        int count = 0, pages = 0;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
            var page = await _http.ReadJsonAsync<List<GitLabIssueDto>>(response, Json, resource, cancellationToken).ConfigureAwait(false);
            pages++;
            foreach (var dto in page)
            {
                count++;
                yield return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
            }

            next = page.Count == 0 ? null : NextPage.From(response, next);
        }

        Log.ListedIssues(logger, Name, projectPath, count, pages);
    }

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{ProjectSegment(projectPath)}/issues/{number.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative);
        var dto = await GetJsonAsync<GitLabIssueDto>(uri, $"issue {projectPath}#{number}", cancellationToken).ConfigureAwait(false);
        return GitLabIssueMapper.ToIssue(dto, Name, projectPath);
    }

    internal static string ProjectSegment(string projectPath) => "projects/" + Uri.EscapeDataString(projectPath.Trim('/'));

    internal static string ListQuery(IssueQuery query)
    {
        var parameters = new List<string>
        {
            "per_page=" + PageSize.ToString(CultureInfo.InvariantCulture),
            "state=" + GitLabIssueMapper.StateParameter(query.State),
            "order_by=updated_at",
            "sort=asc",
        };
        if (query.Labels is { Count: > 0 } labels)
        {
            parameters.Add("labels=" + Uri.EscapeDataString(string.Join(',', labels)));
        }

        if (query.UpdatedSince is { } since)
        {
            parameters.Add("updated_after=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }

        return string.Join('&', parameters);
    }

    private async Task<T> GetJsonAsync<T>(Uri relative, string resource, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(Name);
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
        return await _http.ReadJsonAsync<T>(response, Json, resource, cancellationToken).ConfigureAwait(false);
    }

    // Pending (issue 3): implemented by the adapter work that follows; listed here so the port compiles.
    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) => throw new NotImplementedException();

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
