using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// GitLab REST v4 over the tracker's named HttpClient (base address = API root with trailing slash, e.g.
/// <c>https://gitlab.com/api/v4/</c>); requests use relative URIs so a path prefix in the root is kept.
/// One partial file per resource (issues, notes, award emoji, labels, milestones, uploads, boards); listings
/// all go through the one pager in <c>GitLabTrackerClient.Paging.cs</c>.
/// </summary>
internal sealed partial class GitLabTrackerClient(TrackerRegistration registration, IHttpClientFactory httpClientFactory, ILogger<GitLabTrackerClient> logger)
    : ITrackerClient, IUploads, IBoards
{
    internal const int PageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrackerHttp _http = new(registration.Name, GitLabErrorMessage.Read, logger, GitLabErrorMessage.ProjectNotFound);

    // GraphQL error bodies carry an "errors" array rather than REST's "message".
    private readonly TrackerHttp _graphQl = new(registration.Name, GitHub.Projects.GraphQlErrors.ReadHttpErrorMessage, logger);

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.GitLab;

    public Uri WebRoot => registration.WebRoot;

    public async Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var user = await SendAsync<GitLabUserDto>(HttpMethod.Get, "user", (JsonObject?)null, "GET /user", cancellationToken).ConfigureAwait(false);
        return new TrackerUser(user.Username, user.Id);
    }

    internal static string ProjectSegment(string projectPath) => "projects/" + Uri.EscapeDataString(projectPath.Trim('/'));

    internal static string IssueSegment(string projectPath, long number) =>
        $"{ProjectSegment(projectPath)}/issues/{number.ToString(CultureInfo.InvariantCulture)}";

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends one request (JSON body when given) and reads the JSON answer; errors go through <see cref="TrackerHttp"/>.</summary>
    private Task<T> SendAsync<T>(HttpMethod method, string relative, JsonObject? body, string resource, CancellationToken cancellationToken) =>
        SendAsync<T>(method, relative, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), resource, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string relative, HttpContent? content, string resource, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(Name);
        using var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative)) { Content = content };
        using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
        return await _http.ReadJsonAsync<T>(response, Json, resource, cancellationToken).ConfigureAwait(false);
    }
}
