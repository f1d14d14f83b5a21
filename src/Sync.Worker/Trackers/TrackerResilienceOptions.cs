namespace Sync.Worker.Trackers;

/// <summary>
/// Retry and timeout settings of one tracker's HttpClient. Defaults suit production; tests shrink the delays.
/// </summary>
/// <param name="MaxRetryAttempts">Retries after the first attempt (0 disables retrying).</param>
/// <param name="BaseDelay">Base of the exponential back-off (jittered) when the tracker sends no Retry-After.</param>
/// <param name="MaxDelay">Upper bound of the computed back-off.</param>
/// <param name="MaxRetryAfter">
/// A Retry-After longer than this is not waited for: the request fails with a rate-limit error instead, so a
/// job can be rescheduled rather than block a worker.
/// </param>
/// <param name="AttemptTimeout">Timeout of a single attempt.</param>
/// <param name="TotalTimeout">Timeout of the whole request including retries and waits.</param>
public sealed record TrackerResilienceOptions(
    int MaxRetryAttempts = 3,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? MaxRetryAfter = null,
    TimeSpan? AttemptTimeout = null,
    TimeSpan? TotalTimeout = null)
{
    public static TrackerResilienceOptions Default { get; } = new();

    public TimeSpan EffectiveBaseDelay => BaseDelay ?? TimeSpan.FromSeconds(1);

    public TimeSpan EffectiveMaxDelay => MaxDelay ?? TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveMaxRetryAfter => MaxRetryAfter ?? TimeSpan.FromSeconds(60);

    public TimeSpan EffectiveAttemptTimeout => AttemptTimeout ?? TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveTotalTimeout => TotalTimeout ?? TimeSpan.FromMinutes(3);
}
