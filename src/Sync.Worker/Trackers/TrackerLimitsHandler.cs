namespace Sync.Worker.Trackers;

/// <summary>
/// The gate in front of one tracker's retry/timeout pipeline: fails fast during a 401 cool-down, waits out the
/// tracker's pause, paces writes, bounds concurrent reads and paces all requests before sending, then records what the response
/// says about limits. It sits outside the per-attempt and total timeouts, so a wait for a limit never counts
/// as a timeout; it sits inside the limit-retry strategy, so every limit retry passes the gate again.
/// </summary>
internal sealed class TrackerLimitsHandler(TrackerLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        limiter.ThrowIfUnauthorized();
        await limiter.WaitForPauseAsync(request, cancellationToken).ConfigureAwait(false);
        await using var write = await limiter.Pacer.AcquireAsync(request, cancellationToken).ConfigureAwait(false);
        using var read = await limiter.AcquireReadAsync(request, cancellationToken).ConfigureAwait(false);
        await using var paced = await limiter.Requests.AcquireAsync(cancellationToken).ConfigureAwait(false);

        // A pause or a 401 may have begun while this request queued for its slot.
        await limiter.WaitForPauseAsync(request, cancellationToken).ConfigureAwait(false);
        limiter.ThrowIfUnauthorized();

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            limiter.Observe(response, await LimitResponse.ClassifyAsync(response, cancellationToken).ConfigureAwait(false));
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
