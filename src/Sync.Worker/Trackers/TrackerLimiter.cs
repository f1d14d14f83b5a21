using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// The limit state of one tracker instance, shared by all its requests: the latest primary budget, the pause a
/// limit response imposed, the 401 cool-down, the write pacer and the read slots. One per registered tracker
/// (keyed singleton by tracker name), so a pause on one tracker never holds up another. Only the write pacer's
/// stamps may be shared (between replicas, per token); pauses, budgets and cool-downs stay per process.
/// </summary>
public sealed class TrackerLimiter : IDisposable
{
    private readonly TrackerLimitsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reads;
    private readonly Lock _lock = new();
    private readonly ConditionalWeakTable<HttpResponseMessage, LimitDecision> _decisions = [];
    private Budget? _budget;
    private DateTimeOffset _pauseUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _loggedPauseUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _unauthorizedUntil = DateTimeOffset.MinValue;
    private int _secondaryStreak;
    private int _pendingWaits;

    /// <param name="writeBudget">
    /// Where the write pacer keeps its stamps (owned by the limiter); null keeps them in this process. Replicas on one
    /// PostgreSQL database pass a budget shared per tracker token.
    /// </param>
    public TrackerLimiter(
        string trackerName,
        TrackerKind kind,
        string apiRootPath,
        TrackerLimitsOptions options,
        TimeProvider time,
        ILogger logger,
        IWriteBudget? writeBudget = null)
    {
        options.Validate(trackerName);
        TrackerName = trackerName;
        _options = options;
        _time = time;
        _logger = logger;
        _reads = new SemaphoreSlim(options.ReadConcurrency, options.ReadConcurrency);
        Pacer = new WritePacer(kind, apiRootPath, options, time, writeBudget ?? new InMemoryWriteBudget(time));
    }

    public string TrackerName { get; }

    public WritePacer Pacer { get; }

    /// <summary>
    /// The primary budget left as the tracker last reported it (the lowest seen in the current window, so
    /// out-of-order responses never raise it); null until a response carried remaining and reset headers.
    /// </summary>
    public long? RemainingBudget
    {
        get
        {
            lock (_lock)
            {
                return _budget?.Remaining;
            }
        }
    }

    /// <summary>Requests currently sleeping on a pause (lets tests advance a fake clock only once a wait is armed).</summary>
    internal int PendingWaits => Volatile.Read(ref _pendingWaits);

    /// <summary>Fails without sending while the tracker is in its 401 cool-down.</summary>
    public void ThrowIfUnauthorized()
    {
        lock (_lock)
        {
            if (_time.GetUtcNow() < _unauthorizedUntil)
            {
                throw new TrackerUnauthorizedException(TrackerName);
            }
        }
    }

    /// <summary>
    /// Waits while the tracker is paused (budget at its reserve, or a limit response asked for a pause); a pause
    /// longer than <see cref="TrackerLimitsOptions.MaxWait"/> fails the request instead of blocking the job.
    /// </summary>
    public async ValueTask WaitForPauseAsync(CancellationToken cancellationToken)
    {
        // Waits until no pause is left: a response that arrived meanwhile may have extended it.
        while (CurrentPause() is { } pause)
        {
            Interlocked.Increment(ref _pendingWaits);
            try
            {
                await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _pendingWaits);
            }
        }
    }

    /// <summary>A read slot (GET/HEAD); writes are paced by <see cref="Pacer"/> instead.</summary>
    public async ValueTask<IDisposable?> AcquireReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (WritePacer.IsWrite(request.Method))
        {
            return null;
        }

        await _reads.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ReadSlot(_reads);
    }

    /// <summary>Records what a response says: budget headers, a 401, or a limit and the wait it calls for.</summary>
    public void Observe(HttpResponseMessage response, LimitResponse? limit)
    {
        var headers = limit?.Headers ?? RateLimitHeaders.From(response.Headers);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            RecordBudget(headers);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _unauthorizedUntil = now + _options.UnauthorizedCooldown;
                Log.TrackerUnauthorized(_logger, TrackerName, (long)_options.UnauthorizedCooldown.TotalSeconds);
                return;
            }

            if (limit is null)
            {
                if (response.IsSuccessStatusCode)
                {
                    _secondaryStreak = 0;
                }

                return;
            }

            var wait = WaitAfter(limit, now);
            if (limit.Kind != LimitKind.Primary || headers.ResetAt <= now)
            {
                _pauseUntil = Later(_pauseUntil, now + wait);
            }

            _decisions.AddOrUpdate(response, new LimitDecision(wait <= _options.MaxWait, wait));
        }
    }

    /// <summary>Whether the limit-retry strategy should retry <paramref name="response"/>, and the wait the pause imposes.</summary>
    public bool ShouldRetry(HttpResponseMessage response, out TimeSpan wait)
    {
        if (_decisions.TryGetValue(response, out var decision))
        {
            wait = decision.Wait;
            return decision.Retry;
        }

        wait = TimeSpan.Zero;
        return false;
    }

    // GitHub's documented order: retry-after; else the primary reset when remaining is 0; else at least the
    // back-off, doubling on each repeat. Callers hold the lock.
    private TimeSpan WaitAfter(LimitResponse limit, DateTimeOffset now)
    {
        if (limit.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter;
        }

        if (limit.Kind == LimitKind.Primary && limit.Headers.ResetAt is { } reset && reset > now)
        {
            return reset - now;
        }

        _secondaryStreak = Math.Min(_secondaryStreak + 1, 16);
        return _options.LimitBackoff * Math.Pow(2, _secondaryStreak - 1);
    }

    // Out-of-order responses must not raise the budget: within one window keep the lowest remaining.
    private void RecordBudget(RateLimitHeaders headers)
    {
        if (headers is not { Remaining: { } remaining, ResetAt: { } reset } || headers.RetryAfter is not null)
        {
            return;
        }

        if (_budget is null || reset > _budget.ResetAt)
        {
            _budget = new Budget(remaining, reset, headers.Limit ?? _budget?.Limit);
        }
        else if (reset == _budget.ResetAt && remaining < _budget.Remaining)
        {
            _budget = _budget with { Remaining = remaining };
        }
    }

    private TimeSpan? CurrentPause()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var until = _pauseUntil;
            DateTimeOffset? resetAt = null;
            if (_budget is { } budget && budget.ResetAt > now && budget.Remaining <= Reserve(budget))
            {
                until = Later(until, budget.ResetAt);
                resetAt = budget.ResetAt;
            }

            if (until <= now)
            {
                return null;
            }

            var wait = until - now;
            if (wait > _options.MaxWait)
            {
                Log.PauseTooLong(_logger, TrackerName, (long)Math.Ceiling(wait.TotalSeconds), (long)_options.MaxWait.TotalSeconds);
                throw new TrackerRateLimitedException(TrackerName, resetAt ?? until, resetAt is null ? wait : null);
            }

            if (until != _loggedPauseUntil)
            {
                _loggedPauseUntil = until;
                Log.TrackerPaused(_logger, TrackerName, (long)Math.Ceiling(wait.TotalSeconds), resetAt is null ? "limit response" : "primary budget at reserve");
            }

            return wait;
        }
    }

    public void Dispose()
    {
        _reads.Dispose();
        Pacer.Dispose();
    }

    private long Reserve(Budget budget) => _options.PrimaryReserve ?? Math.Max(1, (budget.Limit ?? 0) / 100);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Budget(long Remaining, DateTimeOffset ResetAt, long? Limit);

    private sealed record LimitDecision(bool Retry, TimeSpan Wait);

    private sealed class ReadSlot(SemaphoreSlim reads) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                reads.Release();
            }
        }
    }
}
