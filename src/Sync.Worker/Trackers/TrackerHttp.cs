using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Sends one request through a tracker's HttpClient (whose pipeline already retried what can be retried) and
/// turns every failure into a <see cref="TrackerException"/>. Used by the hand-written adapters.
/// </summary>
/// <param name="readErrorMessage">Pulls the tracker's own error text out of an error body.</param>
public sealed class TrackerHttp(string trackerName, Func<string, string?> readErrorMessage, ILogger logger)
{
    /// <param name="returnRedirects">
    /// Hand a 3xx answer back to the caller (which follows it itself, without credentials) instead of failing with
    /// the one-line redirect error of <see cref="TrackerErrors"/>.
    /// </param>
    public async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, string resource, CancellationToken cancellationToken, bool returnRedirects = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TrackerErrors.FromTransport(trackerName, ex, resource, cancellationToken) is { } translated)
        {
            Log.RequestFailed(logger, trackerName, resource, translated.GetType().Name);
            throw translated;
        }

        if (response.IsSuccessStatusCode || (returnRedirects && IsRedirect(response)))
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var message = SafeRead(body);
            var error = TrackerErrors.FromStatus(trackerName, response.StatusCode, message, RateLimitHeaders.From(response.Headers), resource);
            Log.RequestFailed(logger, trackerName, resource, error.GetType().Name);
            throw error;
        }
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
