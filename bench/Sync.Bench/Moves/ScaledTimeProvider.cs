using System.Diagnostics;

namespace Sync.Bench.Moves;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time, so an hour of tracker windows passes in
/// seconds. Everything IssueSync and the sandbox wait on goes through it: <see cref="GetUtcNow"/> (pacer and
/// sandbox windows), <see cref="CreateTimer"/> (<c>Task.Delay(TimeSpan, TimeProvider)</c>, <c>PeriodicTimer</c>,
/// <c>CancellationTokenSource(TimeSpan, TimeProvider)</c>, hence Polly's delays and timeouts) and
/// <see cref="GetTimestamp"/> (Polly's and <see cref="TimeProvider.GetElapsedTime(long)"/>'s durations). All three
/// are derived from one <see cref="Stopwatch"/> reading, so a timer due in <c>d</c> scaled time fires when
/// <see cref="GetUtcNow"/> has advanced by at least <c>d</c>.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public ScaledTimeProvider(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1.0);
        Factor = factor;
        _start = System.GetUtcNow();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Scaled seconds per real second.</summary>
    public double Factor { get; }

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_startTimestamp) * Factor;

    // Same frequency as the Stopwatch, but the ticks since start run Factor times faster.
    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => _startTimestamp + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * Factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    /// <summary>The real duration of a scaled one; infinite (and invalid) values pass through for the timer to judge.</summary>
    public TimeSpan ToReal(TimeSpan scaled) => scaled > TimeSpan.Zero ? TimeSpan.FromTicks((long)(scaled.Ticks / Factor)) : scaled;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(time.ToReal(dueTime), time.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
