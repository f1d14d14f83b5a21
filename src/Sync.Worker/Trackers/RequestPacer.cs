using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Holds every request of one tracker (reads, writes, GraphQL) inside <see cref="TrackerLimitsOptions.RequestsPerMinute"/>
/// and <see cref="TrackerLimitsOptions.RequestsPerHour"/>, counted client-side: GitLab enforces its per-user API limit
/// whether or not it announces it (<c>RateLimit-*</c> headers only come on throttled answers unless a feature flag is
/// on), so waiting for headers would let the first sign of the limit be a 429. Sliding windows over the injected clock,
/// stamped at the send and again at the response (see <see cref="WritePacer"/> for why), in this process only.
/// </summary>
internal sealed class RequestPacer : IDisposable
{
    private readonly string _trackerName;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _time;
    private readonly InMemoryWriteBudget _budget;
    private readonly WriteWindow[] _windows;
    private int _pendingWaits;

    public RequestPacer(string trackerName, TrackerLimitsOptions options, TimeProvider time)
    {
        _trackerName = trackerName;
        _maxWait = options.MaxWait;
        _time = time;
        _budget = new InMemoryWriteBudget(time);
        _windows =
        [
            .. options.RequestsPerMinute > 0 ? [new WriteWindow("requests/min", options.RequestsPerMinute, TimeSpan.FromMinutes(1))] : Array.Empty<WriteWindow>(),
            .. options.RequestsPerHour > 0 ? [new WriteWindow("requests/h", options.RequestsPerHour, TimeSpan.FromHours(1))] : Array.Empty<WriteWindow>(),
        ];
    }

    /// <summary>Requests currently held back (lets tests advance a fake clock only once a wait is armed).</summary>
    internal int PendingWaits => Volatile.Read(ref _pendingWaits);

    /// <summary>
    /// Waits until a request may be sent and takes its slot; dispose the lease when the response arrived. A wait longer
    /// than <see cref="TrackerLimitsOptions.MaxWait"/> (an hourly budget spent) fails with
    /// <see cref="TrackerRateLimitedException"/> so the job is rescheduled rather than blocked.
    /// </summary>
    public async ValueTask<IAsyncDisposable?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_windows.Length == 0)
        {
            return null;
        }

        // Not a retry: each pass waits for the earliest moment a slot can be free, then asks again.
        while (true)
        {
            var take = await _budget.TryTakeAsync(_windows, null, cancellationToken).ConfigureAwait(false);
            if (take.Slot is { } slot)
            {
                return new Lease(slot);
            }

            if (take.Wait > _maxWait)
            {
                throw new TrackerRateLimitedException(_trackerName, _time.GetUtcNow() + take.Wait, null);
            }

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

    public void Dispose() => _budget.Dispose();

    private sealed class Lease(IWriteSlot slot) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? slot.ReleaseAsync() : ValueTask.CompletedTask;
    }
}
