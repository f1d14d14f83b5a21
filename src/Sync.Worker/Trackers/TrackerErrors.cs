using System.Net;
using Polly.Timeout;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// The one status-to-exception table both adapters use. Adapters extract status, message and headers from
/// their transport (raw HttpClient or Octokit) and call this.
/// </summary>
internal static class TrackerErrors
{
    public static TrackerException FromStatus(
        string tracker,
        HttpStatusCode status,
        string? trackerMessage,
        RateLimitHeaders limits,
        string resource,
        Exception? inner = null)
    {
        var code = (int)status;
        var message = string.IsNullOrWhiteSpace(trackerMessage) ? status.ToString() : trackerMessage.Trim();
        return code switch
        {
            401 => new TrackerUnauthorizedException(tracker, inner),
            403 when limits.SignalsLimit || LimitResponse.SaysLimit(message)
                => new TrackerRateLimitedException(tracker, limits.ResetAt, limits.RetryAfter, inner),
            403 => new TrackerForbiddenException(tracker, message, inner),
            404 => new TrackerNotFoundException(tracker, resource, inner),

            // GitHub: a deleted issue, or a repository with issues disabled (REST "Get an issue", "Create an issue").
            // Nothing is there, as with a 404; the tracker's words say which (one line, as they go into logs).
            410 => new TrackerNotFoundException(tracker, $"{resource}: {OneLine(message)}", inner, statusCode: 410),
            400 or 422 => new TrackerValidationException(tracker, code, message, inner),
            429 => new TrackerRateLimitedException(tracker, limits.ResetAt, limits.RetryAfter, inner),
            408 or >= 500 => new TrackerUnavailableException(tracker, $"{code} {status} from {resource}", inner),
            // Tracker clients never follow redirects (a custom token header would go along); neither the tracker's
            // wording nor the Location (a pre-signed URL, say) is repeated here.
            >= 300 and < 400 and not 304 => new TrackerException(
                tracker,
                $"Tracker '{tracker}' answered {code} {status} (a redirect) for {resource}; redirects are not followed, check the configured API URL and project path",
                inner),
            _ => new TrackerException(tracker, $"Tracker '{tracker}' answered {code} {status} for {resource}: {message}", inner),
        };
    }

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    /// <summary>Translates what the HTTP pipeline throws once retries are exhausted.</summary>
    public static TrackerException? FromTransport(string tracker, Exception exception, string resource, CancellationToken cancellationToken) =>
        exception switch
        {
            TrackerException => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            TimeoutRejectedException => new TrackerUnavailableException(tracker, $"timed out calling {resource}", exception),
            OperationCanceledException => new TrackerUnavailableException(tracker, $"timed out calling {resource}", exception),
            HttpRequestException => new TrackerUnavailableException(tracker, $"could not reach {resource}: {exception.Message}", exception),
            _ => null,
        };
}
