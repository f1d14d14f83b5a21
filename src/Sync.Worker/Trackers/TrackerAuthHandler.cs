using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Trackers;

/// <summary>
/// Adds the token to every request of one tracker the way its dialect says (GitLab <c>PRIVATE-TOKEN</c>, GitHub bearer), so neither
/// the typed GitLab client nor Octokit holds it. The token is never logged, and is only sent to the API's own
/// scheme/host/port: a redirect elsewhere (Octokit follows redirects itself) goes out without it. GitHub REST requests
/// to that origin also name the API version (<see cref="GitHubApiVersion"/>); nothing else gets that header.
/// </summary>
internal sealed class TrackerAuthHandler(ITrackerDialect dialect, Uri apiRoot, string token, string? username = null) : DelegatingHandler
{
    public TrackerAuthHandler(TrackerKind kind, Uri apiRoot, string token, string? username = null)
        : this(TrackerDialects.For(kind), apiRoot, token, username)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(GitHubApiVersion.Header);
        if (request.RequestUri is not { } uri || !IsSameOrigin(uri, apiRoot))
        {
            request.Headers.Remove("PRIVATE-TOKEN");
            request.Headers.Authorization = null;
            foreach (var header in dialect.CredentialHeaders)
            {
                request.Headers.Remove(header);
            }
        }
        else
        {
            dialect.Authenticate(request, token, username, apiRoot.AbsolutePath);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Same scheme, host and port (a default port written out or not): the only place a token may go.</summary>
    public static bool IsSameOrigin(Uri uri, Uri apiRoot) =>
        uri.IsAbsoluteUri
        && Uri.Compare(uri, apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
