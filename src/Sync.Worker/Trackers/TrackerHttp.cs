using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Sends one request through a tracker's HttpClient (whose pipeline already retried what can be retried) and
/// turns every failure into a <see cref="TrackerException"/>. Used by the hand-written adapters.
/// </summary>
/// <param name="readErrorMessage">Pulls the tracker's own error text out of an error body.</param>
/// <param name="notFoundDetail">
/// Names what a 404 means, given the request URI and the tracker's text, when the tracker says more than the resource
/// (GitLab's "404 Project Not Found"); null keeps the resource.
/// </param>
internal sealed class TrackerHttp(string trackerName, Func<string, string?> readErrorMessage, ILogger logger, Func<Uri?, string?, string?>? notFoundDetail = null)
{
    /// <param name="returnRedirects">
    /// Hand a 3xx answer back to the caller (which follows it itself, without credentials) instead of failing with
    /// the one-line redirect error of <see cref="TrackerErrors"/>.
    /// </param>
    public async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, string resource, CancellationToken cancellationToken, bool returnRedirects = false)
    {
        var response = await SendOnceAsync(client, request, resource, cancellationToken).ConfigureAwait(false);

        // A read redirected inside the tracker's own API (GitLab answers a renamed project's old path with a 301 to its
        // id) is followed with the token: same origin, same API. Anywhere else, or a write, is never followed.
        for (var hop = 0; !returnRedirects && hop < MaxApiRedirects && IsRedirect(response)
             && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
             && InsideApi(client, request.RequestUri, response.Headers.Location) is { } next; hop++)
        {
            response.Dispose();
            using var follow = new HttpRequestMessage(request.Method, next);
            response = await SendOnceAsync(client, follow, resource, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode || (returnRedirects && IsRedirect(response)))
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var message = SafeRead(body);
            var error = response.StatusCode == System.Net.HttpStatusCode.NotFound && notFoundDetail?.Invoke(response.RequestMessage?.RequestUri ?? request.RequestUri, message) is { } detail
                ? new TrackerNotFoundException(trackerName, detail)
                : TrackerErrors.FromStatus(trackerName, response.StatusCode, message, RateLimitHeaders.From(response.Headers), resource);
            Log.RequestFailed(logger, trackerName, resource, error.GetType().Name);
            throw error;
        }
    }

    private const int MaxApiRedirects = 3;

    private async Task<HttpResponseMessage> SendOnceAsync(HttpClient client, HttpRequestMessage request, string resource, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TrackerErrors.FromTransport(trackerName, ex, resource, cancellationToken) is { } translated)
        {
            Log.RequestFailed(logger, trackerName, resource, translated.GetType().Name);
            throw translated;
        }
    }

    /// <summary>The redirect target when it is on the API root of the client (same scheme, host, port and path prefix), else null.</summary>
    private static Uri? InsideApi(HttpClient client, Uri? from, Uri? location)
    {
        if (location is null || client.BaseAddress is not { } root)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from ?? root, location);
        return TrackerAuthHandler.IsSameOrigin(target, root)
            && target.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal)
            && !target.AbsolutePath.Contains("/../", StringComparison.Ordinal)
            ? target
            : null;
    }

    public static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400 and not 304;

    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonSerializerOptions options, string resource, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false)
                ?? throw new TrackerProtocolException(trackerName, $"{resource} returned JSON null");
        }
        catch (JsonException ex)
        {
            throw new TrackerProtocolException(trackerName, $"{resource} returned malformed JSON ({ex.Message})", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TrackerUnavailableException(trackerName, $"connection lost while reading {resource}", ex);
        }
    }

    private string? SafeRead(string body)
    {
        try
        {
            return readErrorMessage(body);
        }
        catch (JsonException)
        {
            return body.Length > 500 ? body[..500] : body;
        }
    }
}
