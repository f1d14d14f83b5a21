namespace Sync.Sandbox.Limits;

/// <summary>
/// A fixed window counter measured on the sandbox clock: it opens at the first request and resets
/// <see cref="Length"/> later, like GitHub's hourly window; or, <paramref name="epochAligned"/>, windows start at
/// multiples of the length since the Unix epoch, like Rack::Attack's (GitLab's throttles: the cache key is
/// <c>epoch_time / period</c>, <c>lib/rack/attack/cache.rb</c> <c>key_and_expiry</c>).
/// </summary>
internal sealed class FixedWindow(TimeSpan length, bool epochAligned = false)
{
    private DateTimeOffset _start = DateTimeOffset.MinValue;

    public TimeSpan Length => length;
    public int Used { get; private set; }

    public DateTimeOffset ResetAt(DateTimeOffset now)
    {
        Roll(now);
        return _start + length;
    }

    public int UsedAt(DateTimeOffset now)
    {
        Roll(now);
        return Used;
    }

    public bool IsFull(DateTimeOffset now, int limit) => UsedAt(now) >= limit;

    public void Hit(DateTimeOffset now)
    {
        Roll(now);
        Used++;
    }

    /// <summary>Whole seconds until the window resets, at least 1, as Retry-After wants.</summary>
    public int RetryAfterSeconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((ResetAt(now) - now).TotalSeconds));

    private void Roll(DateTimeOffset now)
    {
        if (now >= _start + length)
        {
            _start = epochAligned ? new DateTimeOffset(now.UtcTicks / length.Ticks * length.Ticks, TimeSpan.Zero) : now;
            Used = 0;
        }
    }
}
