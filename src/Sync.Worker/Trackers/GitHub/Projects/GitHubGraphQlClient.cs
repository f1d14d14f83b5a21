using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>
/// Sends GraphQL documents over a GitHub tracker's named HttpClient, so the shared handler chain applies (limits,
/// resilience, request accounting, bearer token). HTTP failures (401, 403, 5xx, timeouts) go through the same
/// <see cref="TrackerHttp"/> translation as the REST adapters; <c>errors</c> in a 200 answer through
/// <see cref="GraphQlErrors"/>.
/// </summary>
internal sealed class GitHubGraphQlClient(string trackerName, HttpClient http, Uri endpoint, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrackerHttp _transport = new(trackerName, GraphQlErrors.ReadHttpErrorMessage, logger);

    /// <summary>Runs <paramref name="document"/> and returns its <c>data</c>.</summary>
    /// <param name="resource">What is being read or written, for error messages (never includes a token).</param>
    /// <param name="tolerate">Errors that only null out a part of <c>data</c> the caller copes with.</param>
    /// <param name="onceOnly">A mutation that creates something each time: never retried after it may have reached GitHub.</param>
    public async Task<T> SendAsync<T>(
        string document,
        IReadOnlyDictionary<string, object?> variables,
        string resource,
        CancellationToken cancellationToken,
        Func<GraphQlError, bool>? tolerate = null,
        bool onceOnly = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new GraphQlRequest(document, variables), options: Json),
        };
        if (onceOnly)
        {
            request.Options.Set(TrackerResilience.OnceOnly, true);
        }

        if (!document.TrimStart().StartsWith("mutation", StringComparison.Ordinal))
        {
            // A query is a read even though it is a POST: it must not wait for, or use up, the write ceilings.
            request.Options.Set(WritePacer.ReadOnlyPost, true);
        }

        using var response = await _transport.SendAsync(http, request, resource, cancellationToken).ConfigureAwait(false);
        var answer = await _transport.ReadJsonAsync<GraphQlResponse<T>>(response, Json, resource, cancellationToken).ConfigureAwait(false);
        var errors = (answer.Errors ?? []).Where(e => tolerate?.Invoke(e) != true).ToList();
        if (errors.Count > 0)
        {
            var error = GraphQlErrors.Translate(trackerName, errors, RateLimitHeaders.From(response.Headers), resource);
            ProjectBoardsLog.GraphQlFailed(logger, trackerName, resource, error.GetType().Name);
            throw error;
        }

        return answer.Data ?? throw new TrackerProtocolException(trackerName, $"{resource} returned no data");
    }
}
