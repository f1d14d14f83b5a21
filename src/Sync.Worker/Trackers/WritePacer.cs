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
/// The stamps live in an <see cref="IWriteBudget"/>: in this process by default, or shared per tracker token
/// by every replica on one PostgreSQL database.
/// </summary>
internal sealed class WritePacer : IDisposable
{
    private readonly LimitRules _rules;
    private readonly string _apiRootPath;
    private readonly TrackerLimitsOptions _options;
    private readonly TimeProvider _time;
    private readonly WriteWindow[] _gitHubWrites;
    private readonly WriteWindow[] _issueCreates;
    private readonly WriteWindow[] _noteCreates;

    // This process's writes queue here, so only one of them at a time asks a shared budget for the serial turn.
    private readonly SemaphoreSlim _serial = new(1, 1);
    private int _pendingWaits;
    private int _waitsArmed;

    public WritePacer(TrackerKind kind, string apiRootPath, TrackerLimitsOptions options, TimeProvider time)
        : this(kind, apiRootPath, options, time, new InMemoryWriteBudget(time))
    {
    }

    /// <summary>Paces against <paramref name="budget"/>, which the pacer owns and disposes.</summary>
    public WritePacer(TrackerKind kind, string apiRootPath, TrackerLimitsOptions options, TimeProvider time, IWriteBudget budget)
    {
        _rules = TrackerDialects.For(kind).Limits;
        _apiRootPath = apiRootPath;
        _options = options;
        _time = time;
        Budget = budget;
        _gitHubWrites =
        [
            new WriteWindow("writes/min", options.WritesPerMinute, TimeSpan.FromMinutes(1)),
            new WriteWindow("writes/h", options.WritesPerHour, TimeSpan.FromHours(1)),
        ];
        _issueCreates = [new WriteWindow("issue-creates/min", options.IssueCreatesPerMinute, TimeSpan.FromMinutes(1))];
        _noteCreates = [new WriteWindow("note-creates/min", options.NoteCreatesPerMinute, TimeSpan.FromMinutes(1))];
    }

    /// <summary>Where the stamps live.</summary>
    internal IWriteBudget Budget { get; }

    /// <summary>Writes currently held back (lets tests advance a fake clock only once a wait is armed).</summary>
    internal int PendingWaits => Volatile.Read(ref _pendingWaits);

    /// <summary>Waits armed so far (lets tests see that a held-back write asked again after the clock moved).</summary>
    internal int WaitsArmed => Volatile.Read(ref _waitsArmed);

    public static bool IsWrite(HttpMethod method) => method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options;

    /// <summary>
    /// Waits until <paramref name="request"/> may be sent and takes its slot. Dispose the lease when the response
    /// (headers) arrived: that re-stamps the slot, ends the serial section and starts the minimum gap.
    /// </summary>
    public async ValueTask<IAsyncDisposable?> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var windows = WindowsFor(request);
        if (windows.Length == 0)
        {
            return null;
        }

        var serial = _rules.SerialWrites && _options.SerialWrites;
        if (serial)
        {
            await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Not a retry: each pass only waits for the earliest moment a slot can be free, then asks again.
            while (true)
            {
                var take = await Budget.TryTakeAsync(windows, serial ? _options.MinWriteSpacing : null, cancellationToken).ConfigureAwait(false);
                if (take.Slot is { } slot)
                {
                    return new Lease(this, serial, slot);
                }

                Interlocked.Increment(ref _waitsArmed);
                Interlocked.Increment(ref _pendingWaits);
                try
                {
                    await Task.Delay(take.Wait, _time, cancellationToken).ConfigureAwait(false);
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

    public void Dispose()
    {
        _serial.Dispose();
        Budget.Dispose();
    }

    /// <summary>Marks a POST that only reads (a GraphQL query), so it is not paced as a write.</summary>
    public static readonly HttpRequestOptionsKey<bool> ReadOnlyPost = new("IssueSync.ReadOnlyPost");

    private WriteWindow[] WindowsFor(HttpRequestMessage request)
    {
        if (!IsWrite(request.Method) || (request.Options.TryGetValue(ReadOnlyPost, out var readOnly) && readOnly))
        {
            return [];
        }

        if (_rules.Writes == WritePacing.AllWrites)
        {
            return _gitHubWrites;
        }

        var endpoint = EndpointKinds.Classify(request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", _apiRootPath);
        return endpoint switch
        {
            EndpointKinds.IssuesCreate => _issueCreates,
            EndpointKinds.NotesCreate => _noteCreates,
            _ => [],
        };
    }

    private sealed class Lease(WritePacer pacer, bool serial, IWriteSlot slot) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                await slot.ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                if (serial)
                {
                    pacer._serial.Release();
                }
            }
        }
    }
}
