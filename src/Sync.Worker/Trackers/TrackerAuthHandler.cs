using System.Net.Http.Headers;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Trackers;

/// <summary>
/// Adds the token to every request of one tracker (GitLab <c>PRIVATE-TOKEN</c>, GitHub bearer), so neither
/// the typed GitLab client nor Octokit holds it. The token is never logged, and is only sent to the API's own
/// scheme/host/port: a redirect elsewhere (Octokit follows redirects itself) goes out without it. GitHub REST requests
/// to that origin also name the API version (<see cref="GitHubApiVersion"/>); nothing else gets that header.
/// </summary>
internal sealed class TrackerAuthHandler(TrackerKind kind, Uri apiRoot, string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(GitHubApiVersion.Header);
        if (request.RequestUri is not { } uri || !IsSameOrigin(uri, apiRoot))
        {
            request.Headers.Remove("PRIVATE-TOKEN");
            request.Headers.Authorization = null;
        }
        else if (kind == TrackerKind.GitLab)
        {
            request.Headers.Remove("PRIVATE-TOKEN");
            request.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", token);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // REST only: GraphQL is not versioned this way.
            if (EndpointKinds.Classify(request.Method.Method, uri.AbsolutePath, apiRoot.AbsolutePath) != EndpointKinds.GraphQl)
            {
                request.Headers.TryAddWithoutValidation(GitHubApiVersion.Header, GitHubApiVersion.Current);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Same scheme, host and port (a default port written out or not): the only place a token may go.</summary>
    public static bool IsSameOrigin(Uri uri, Uri apiRoot) =>
        uri.IsAbsoluteUri
        && Uri.Compare(uri, apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
