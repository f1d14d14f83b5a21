using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Delays one tracker's content-creating requests so its documented ceilings are never exceeded: sliding
/// windows over the injected <see cref="TimeProvider"/> (GitHub: all writes per minute and per hour; GitLab:
/// issue creation and note creation separately), and for GitHub one write at a time with a minimum gap.
/// Pacing before sending means IssueSync alone never provokes a limit response. A write's slot is stamped when
/// it is sent and re-stamped when its response arrives: the tracker counts it on arrival, somewhere in between,
/// so a window measured from the response can never close before the tracker's own (measured from the send, a
/// write whose transit is shorter than an earlier one's could reach the tracker just before its window frees).
/// </summary>
public sealed class WritePacer : IDisposable
{
    private readonly TrackerKind _kind;
    private readonly string _apiRootPath;
    private readonly TrackerLimitsOptions _options;
    private readonly TimeProvider _time;
    private readonly SlidingWindow _writesPerMinute;
    private readonly SlidingWindow _writesPerHour;
    private readonly SlidingWindow _issueCreates;
    private readonly SlidingWindow _noteCreates;
    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastWriteEnded = DateTimeOffset.MinValue;
    private int _pendingWaits;

    public WritePacer(TrackerKind kind, string apiRootPath, TrackerLimitsOptions options, TimeProvider time)
    {
        _kind = kind;
        _apiRootPath = apiRootPath;
        _options = options;
        _time = time;
        _writesPerMinute = new SlidingWindow(options.WritesPerMinute, TimeSpan.FromMinutes(1));
        _writesPerHour = new SlidingWindow(options.WritesPerHour, TimeSpan.FromHours(1));
        _issueCreates = new SlidingWindow(options.IssueCreatesPerMinute, TimeSpan.FromMinutes(1));
        _noteCreates = new SlidingWindow(options.NoteCreatesPerMinute, TimeSpan.FromMinutes(1));
    }

    /// <summary>Writes currently held back (lets tests advance a fake clock only once a wait is armed).</summary>
    internal int PendingWaits => Volatile.Read(ref _pendingWaits);

    public static bool IsWrite(HttpMethod method) => method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options;

    /// <summary>
    /// Waits until <paramref name="request"/> may be sent and takes its slot. Dispose the lease when the response
    /// (headers) arrived: that ends the serial section and starts the minimum gap.
    /// </summary>
    public async ValueTask<IDisposable?> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var windows = WindowsFor(request);
        if (windows.Length == 0)
        {
            return null;
        }

        var serial = _kind == TrackerKind.GitHub && _options.SerialWrites;
        if (serial)
        {
            await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Not a retry: each pass only waits for the earliest moment a slot can be free, then re-checks.
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = _time.GetUtcNow();
                    wait = serial ? Max(TimeSpan.Zero, _lastWriteEnded + _options.MinWriteSpacing - now) : TimeSpan.Zero;
                    foreach (var window in windows)
                    {
                        wait = Max(wait, window.WaitFor(now));
                    }

                    if (wait <= TimeSpan.Zero)
                    {
                        var slot = new Slot(now);
                        foreach (var window in windows)
                        {
                            window.Take(slot);
                        }

                        return new Lease(this, serial, slot);
                    }
                }

                Interlocked.Increment(ref _pendingWaits);
                try
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _pendingWaits);
                }
            }
        }
        catch
        {
            if (serial)
            {
                _serial.Release();
            }

            throw;
        }
    }

    public void Dispose() => _serial.Dispose();

    /// <summary>Marks a POST that only reads (a GraphQL query), so it is not paced as a write.</summary>
    public static readonly HttpRequestOptionsKey<bool> ReadOnlyPost = new("IssueSync.ReadOnlyPost");

    private SlidingWindow[] WindowsFor(HttpRequestMessage request)
    {
        if (!IsWrite(request.Method) || (request.Options.TryGetValue(ReadOnlyPost, out var readOnly) && readOnly))
        {
            return [];
        }

        if (_kind == TrackerKind.GitHub)
        {
            return [_writesPerMinute, _writesPerHour];
        }

        var endpoint = EndpointKinds.Classify(request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", _apiRootPath);
        return endpoint switch
        {
            EndpointKinds.IssuesCreate => [_issueCreates],
            EndpointKinds.NotesCreate => [_noteCreates],
            _ => [],
        };
    }

    private void Release(bool serial, Slot slot)
    {
        lock (_gate)
        {
            _lastWriteEnded = _time.GetUtcNow();
            slot.At = _lastWriteEnded;
        }

        if (serial)
        {
            _serial.Release();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>When a write counts against the windows: its send, then its response; shared by all its windows.</summary>
    private sealed class Slot(DateTimeOffset at)
    {
        public DateTimeOffset At { get; set; } = at;
    }

    private sealed class Lease(WritePacer pacer, bool serial, Slot slot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pacer.Release(serial, slot);
            }
        }
    }

    /// <summary>
    /// Writes inside the last <c>length</c>, oldest send first; callers hold the pacer's lock. A re-stamped slot at
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
