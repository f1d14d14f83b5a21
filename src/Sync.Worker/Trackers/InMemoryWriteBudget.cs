namespace Sync.Worker.Trackers;

/// <summary>
/// The write budget of one tracker in one process (the embedded default: one worker, SQLite). Sliding windows
/// over the injected clock and the end of the last write, all under one lock.
/// </summary>
internal sealed class InMemoryWriteBudget(TimeProvider time) : IWriteBudget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SlidingWindow> _windows = [];
    private DateTimeOffset _lastWriteEnded = DateTimeOffset.MinValue;

    public ValueTask<WriteTake> TryTakeAsync(IReadOnlyList<WriteWindow> windows, TimeSpan? serialGap, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var wait = serialGap is { } gap ? Max(TimeSpan.Zero, _lastWriteEnded + gap - now) : TimeSpan.Zero;
            foreach (var window in windows)
            {
                wait = Max(wait, Window(window).WaitFor(now));
            }

            if (wait > TimeSpan.Zero)
            {
                return ValueTask.FromResult(new WriteTake(null, wait));
            }

            var slot = new Slot(this, now);
            foreach (var window in windows)
            {
                Window(window).Take(slot);
            }

            return ValueTask.FromResult(new WriteTake(slot, TimeSpan.Zero));
        }
    }

    public void Dispose()
    {
    }

    private SlidingWindow Window(WriteWindow window)
    {
        if (!_windows.TryGetValue(window.Name, out var sliding))
        {
            sliding = new SlidingWindow(window.Limit, window.Length);
            _windows.Add(window.Name, sliding);
        }

        return sliding;
    }

    private void Release(Slot slot)
    {
        lock (_gate)
        {
            _lastWriteEnded = time.GetUtcNow();
            slot.At = _lastWriteEnded;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>When a write counts against the windows: its send, then its response; shared by all its windows.</summary>
    private sealed class Slot(InMemoryWriteBudget budget, DateTimeOffset at) : IWriteSlot
    {
        public DateTimeOffset At { get; set; } = at;

        public ValueTask ReleaseAsync()
        {
            budget.Release(this);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Writes inside the last <c>length</c>, oldest send first; callers hold the budget's lock. A re-stamped slot at
    /// the head can be later than one behind it (concurrent GitLab writes): the wait then follows the head, which
    /// errs on the safe side.
    /// </summary>
    private sealed class SlidingWindow(int limit, TimeSpan length)
    {
        private readonly Queue<Slot> _sent = new();

        public TimeSpan WaitFor(DateTimeOffset now)
        {
            if (limit <= 0)
            {
                return TimeSpan.Zero;
            }

            while (_sent.Count > 0 && _sent.Peek().At + length <= now)
            {
                _sent.Dequeue();
            }

            return _sent.Count < limit ? TimeSpan.Zero : _sent.Peek().At + length - now;
        }

        public void Take(Slot slot)
        {
            if (limit > 0)
            {
                _sent.Enqueue(slot);
            }
        }
    }
}
