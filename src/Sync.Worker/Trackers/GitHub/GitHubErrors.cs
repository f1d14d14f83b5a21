using System.Runtime.Serialization;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// The one place Octokit's exceptions become tracker exceptions. Status, message and rate-limit headers are
/// handed to the shared <see cref="TrackerErrors"/> table; Octokit turns a 429 into a plain
/// <see cref="ApiException"/>, which the table maps by status.
/// </summary>
internal static class GitHubErrors
{
    public static TrackerException? Translate(string tracker, Exception exception, string resource, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case RateLimitExceededException limit:
                return new TrackerRateLimitedException(tracker, limit.Reset, RetryAfter(limit), limit);
            case SecondaryRateLimitExceededException secondary:
                return new TrackerRateLimitedException(tracker, null, RetryAfter(secondary), secondary);
            case ApiValidationException validation:
                return new TrackerValidationException(tracker, (int)validation.StatusCode, ValidationMessage(validation), validation);
            case ApiException api:
                return TrackerErrors.FromStatus(tracker, api.StatusCode, api.ApiError?.Message ?? api.Message, Limits(api), resource, api);
            case SerializationException or FormatException or InvalidCastException:
                return new TrackerProtocolException(tracker, $"{resource} returned an unreadable body ({exception.GetType().Name})", exception);
            default:
                return TrackerErrors.FromTransport(tracker, exception, resource, cancellationToken);
        }
    }

    private static TimeSpan? RetryAfter(ApiException exception) => Limits(exception).RetryAfter;

    private static RateLimitHeaders Limits(ApiException exception)
    {
        var headers = exception.HttpResponse?.Headers;
        return RateLimitHeaders.From(name => headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value);
    }

    private static string ValidationMessage(ApiValidationException exception)
    {
        var details = exception.ApiError?.Errors?.Select(e => e.Message ?? $"{e.Resource}.{e.Field} {e.Code}").ToList() ?? [];
        var message = exception.ApiError?.Message ?? exception.Message;
        return details.Count == 0 ? message : $"{message}: {string.Join("; ", details)}";
    }
}
