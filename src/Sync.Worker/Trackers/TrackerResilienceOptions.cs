namespace Sync.Worker.Trackers;

/// <summary>
/// Retry and timeout settings of one tracker's HttpClient. Defaults suit production; tests shrink the delays.
/// </summary>
/// <param name="MaxRetryAttempts">Retries of transient failures after the first attempt (0 disables retrying).</param>
/// <param name="BaseDelay">Base of the exponential back-off (jittered) between transient retries.</param>
/// <param name="MaxDelay">Upper bound of the computed back-off.</param>
/// <param name="AttemptTimeout">Timeout of a single attempt.</param>
/// <param name="TotalTimeout">Timeout of the whole request including transient retries; limit waits (<see cref="TrackerLimitsHandler"/>) lie outside it.</param>
internal sealed record TrackerResilienceOptions(
    int MaxRetryAttempts = 3,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? AttemptTimeout = null,
    TimeSpan? TotalTimeout = null)
{
    public static TrackerResilienceOptions Default { get; } = new();

    public TimeSpan EffectiveBaseDelay => BaseDelay ?? TimeSpan.FromSeconds(1);

    public TimeSpan EffectiveMaxDelay => MaxDelay ?? TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveAttemptTimeout => AttemptTimeout ?? TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveTotalTimeout => TotalTimeout ?? TimeSpan.FromMinutes(3);
}
