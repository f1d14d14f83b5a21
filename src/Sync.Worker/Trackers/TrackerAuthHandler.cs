using System.Net.Http.Headers;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Adds the token to every request of one tracker (GitLab <c>PRIVATE-TOKEN</c>, GitHub bearer), so neither
/// the typed GitLab client nor Octokit holds it. The token is never logged.
/// </summary>
public sealed class TrackerAuthHandler(TrackerKind kind, string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (kind == TrackerKind.GitLab)
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
}
