namespace Sync.Bench.Support;

/// <summary>
/// A clock the bench moves by hand (the sandbox and IssueSync share it), so cursors can be settled without waiting.
/// Timers still run on real time: nothing measured here waits on one (limits are lifted).
/// </summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            _now += by;
        }
    }
}
