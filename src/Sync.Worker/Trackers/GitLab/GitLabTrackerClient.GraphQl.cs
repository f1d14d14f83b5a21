using System.Net.Http.Json;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// GitLab GraphQL at <c>/api/graphql</c>, the sibling of the REST root <c>/api/v4/</c> (doc/api/graphql/index.md),
/// through the tracker's own HttpClient: the same token, limits, accounting (endpoint kind <c>graphql</c>) and
/// retries (a query is retried like a read). GitLab answers a refused query with HTTP 200 and an <c>errors</c>
/// array (a complexity above the limit, an unknown field): that is an error too, never a partial answer.
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    private async Task<T> QueryAsync<T>(string document, IReadOnlyDictionary<string, object?> variables, string resource, CancellationToken cancellationToken)
        where T : class
    {
        var client = httpClientFactory.CreateClient(Name);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, "../graphql"))
        {
            Content = JsonContent.Create(new GraphQlRequest(document, variables), options: Json),
        };

        // A query is a read even though it is a POST: it must not wait for, or use up, the write ceilings.
        request.Options.Set(WritePacer.ReadOnlyPost, true);
        using var response = await _graphQl.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
        var answer = await _graphQl.ReadJsonAsync<GraphQlResponse<T>>(response, Json, resource, cancellationToken).ConfigureAwait(false);
        if (answer.Errors is { Count: > 0 } errors)
        {
            var error = GraphQlErrors.Translate(Name, errors, RateLimitHeaders.From(response.Headers), resource);
            GitLabLog.GraphQlFailed(logger, Name, resource, error.GetType().Name);
            throw error;
        }

        return answer.Data ?? throw new TrackerProtocolException(Name, $"{resource} returned no data");
    }
}
