using System.Globalization;
using System.Net.Http.Headers;

namespace Sync.Worker.Trackers;

/// <summary>
/// What a response says about rate limits, read from the headers both trackers send
/// (GitLab <c>RateLimit-*</c>, GitHub <c>x-ratelimit-*</c>, both <c>Retry-After</c>).
/// </summary>
/// <param name="Limit">The primary budget's size (<c>RateLimit-Limit</c> / <c>x-ratelimit-limit</c>), when sent.</param>
/// <param name="Resource">
/// GitHub's <c>x-ratelimit-resource</c>: the budget the request counted against (<c>core</c> for REST, <c>graphql</c>
/// for GraphQL, each with its own limit and reset). GitLab sends no such header.
/// </param>
internal sealed record RateLimitHeaders(TimeSpan? RetryAfter, DateTimeOffset? ResetAt, long? Remaining, long? Limit = null, string? Resource = null)
{
    public bool SignalsLimit => RetryAfter is not null || Remaining == 0;

    public static RateLimitHeaders From(HttpResponseHeaders headers) =>
        From(name => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null);

    /// <summary>Reads from any header lookup (Octokit exposes headers as a dictionary).</summary>
    public static RateLimitHeaders From(Func<string, string?> header)
    {
        TimeSpan? retryAfter = null;
        DateTimeOffset? resetAt = null;
        var retryAfterText = header("Retry-After");
        if (long.TryParse(retryAfterText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }
        else if (DateTimeOffset.TryParse(retryAfterText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            resetAt = date;
        }

        var resetText = header("RateLimit-Reset") ?? header("x-ratelimit-reset");
        if (long.TryParse(resetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            resetAt ??= DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        var remainingText = header("RateLimit-Remaining") ?? header("x-ratelimit-remaining");
        long? remaining = long.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) ? left : null;
        var limitText = header("RateLimit-Limit") ?? header("x-ratelimit-limit");
        long? limit = long.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;
        var resource = header("x-ratelimit-resource");
        return new RateLimitHeaders(retryAfter, resetAt, remaining, limit, string.IsNullOrWhiteSpace(resource) ? null : resource.Trim().ToLowerInvariant());
    }
}
