using System.Net;

namespace Sync.Worker.Trackers;

/// <summary>Which kind of limit a response signals.</summary>
internal enum LimitKind
{
    /// <summary>The primary budget is used up (remaining 0 with a reset time).</summary>
    Primary,

    /// <summary>GitHub's secondary limit, GitLab's 429, or any limit answer with <c>Retry-After</c>.</summary>
    Secondary,
}

/// <summary>A limit response as the limiter sees it: the kind and the tracker's headers.</summary>
internal sealed record LimitResponse(LimitKind Kind, RateLimitHeaders Headers)
{
    /// <summary>
    /// Classifies a response: 429 always signals a limit; a 403 only with a limit header or a body that says
    /// "rate limit" or "abuse" (GitHub) — any other 403 is a permission error and is left alone. The body is
    /// buffered first, so the caller can still read it.
    /// </summary>
    public static async ValueTask<LimitResponse?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden))
        {
            return null;
        }

        var headers = RateLimitHeaders.From(response.Headers);
        if (response.StatusCode == HttpStatusCode.Forbidden && !headers.SignalsLimit && !await BodySaysLimitAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var kind = headers.RetryAfter is null && headers.Remaining == 0 && headers.ResetAt is not null ? LimitKind.Primary : LimitKind.Secondary;
        return new LimitResponse(kind, headers);
    }

    public static bool SaysLimit(string? text) =>
        text is not null
        && (text.Contains("rate limit", StringComparison.OrdinalIgnoreCase) || text.Contains("abuse", StringComparison.OrdinalIgnoreCase));

    private static async ValueTask<bool> BodySaysLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffering keeps the content readable for the adapter, which turns the 403 into an exception.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return SaysLimit(body);
    }
}
