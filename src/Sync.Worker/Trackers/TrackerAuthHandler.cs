using System.Net.Http.Headers;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Adds the token to every request of one tracker (GitLab <c>PRIVATE-TOKEN</c>, GitHub bearer), so neither
/// the typed GitLab client nor Octokit holds it. The token is never logged, and is only sent to the API's own
/// scheme/host/port: a redirect elsewhere (Octokit follows redirects itself) goes out without it.
/// </summary>
public sealed class TrackerAuthHandler(TrackerKind kind, Uri apiRoot, string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Same scheme, host and port (a default port written out or not): the only place a token may go.</summary>
    public static bool IsSameOrigin(Uri uri, Uri apiRoot) =>
        uri.IsAbsoluteUri
        && Uri.Compare(uri, apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
