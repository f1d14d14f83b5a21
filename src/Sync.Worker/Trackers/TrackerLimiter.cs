using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// The limit state of one tracker instance, shared by all its requests: the latest primary budget of each resource
/// (GitHub's <c>core</c> and <c>graphql</c> are separate), the pause a limit response imposed, the 401 cool-down, the
/// request and write pacers and the read slots. One per registered tracker
/// (keyed singleton by tracker name), so a pause on one tracker never holds up another. Only the write pacer's
/// stamps may be shared (between replicas, per token); pauses, budgets and cool-downs stay per process.
/// </summary>
internal sealed class TrackerLimiter : IDisposable
{
    private readonly TrackerLimitsOptions _options;
    private readonly LimitRules _rules;
    private readonly string _apiRootPath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reads;
    private readonly Lock _lock = new();
    private readonly ConditionalWeakTable<HttpResponseMessage, LimitDecision> _decisions = [];
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
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
        _rules = TrackerDialects.For(kind).Limits;
        _apiRootPath = apiRootPath;
        _time = time;
        _logger = logger;
        _reads = new SemaphoreSlim(options.ReadConcurrency, options.ReadConcurrency);
        Pacer = new WritePacer(kind, apiRootPath, options, time, writeBudget ?? new InMemoryWriteBudget(time));
        Requests = new RequestPacer(trackerName, options, time);
    }

    public string TrackerName { get; }

    public WritePacer Pacer { get; }

    /// <summary>Paces every request under the configured requests per minute and per hour.</summary>
    public RequestPacer Requests { get; }

    /// <summary>
    /// The primary budget left per resource as the tracker last reported it (the lowest seen in the current window, so
    /// out-of-order responses never raise it); empty until a response carried remaining and reset headers.
    /// </summary>
    public IReadOnlyDictionary<string, long> RemainingBudgets
    {
        get
        {
            lock (_lock)
            {
                return _budgets.ToDictionary(b => b.Key, b => b.Value.Remaining, StringComparer.Ordinal);
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
    /// Waits while <paramref name="request"/> may not go: the budget of its resource is at its reserve, or a limit
    /// response paused the tracker. A pause longer than <see cref="TrackerLimitsOptions.MaxWait"/> fails the request
    /// instead of blocking the job.
    /// </summary>
    public async ValueTask WaitForPauseAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var resource = ResourceOf(request, null);

        // Waits until no pause is left: a response that arrived meanwhile may have extended it.
        while (CurrentPause(resource) is { } pause)
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
            RecordBudget(ResourceOf(response.RequestMessage, headers), headers);
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

    // The documented order: retry-after; else the reset when the budget is spent (GitHub's primary limit, or a GitLab 429
    // with RateLimit-Reset); else a wait of our own (BareLimitWait). Callers hold the lock.
    private TimeSpan WaitAfter(LimitResponse limit, DateTimeOffset now)
    {
        if (limit.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter;
        }

        if (limit.Headers.ResetAt is { } reset && reset > now && (limit.Kind == LimitKind.Primary || (_rules.ResetWhenExhausted && limit.Headers.Remaining is null or 0)))
        {
            return reset - now;
        }

        return BareLimitWait(now);
    }

    // A limit answer that says nothing about when to retry. Responses to requests sent before the current pause began
    // (a burst of concurrent requests all refused at once) share that pause: only a limit met after a pause ran out
    // counts as a repeat, so a 429 storm neither retries in a tight loop nor ramps the wait up per refused request.
    // GitLab: the end of the current throttle window (Rack::Attack counts in windows that start at multiples of the period
    // since the epoch), 1, 2, 4... windows on for repeats. GitHub: "wait at least one minute", doubling on repeats.
    // A wait beyond MaxWait is not sat out: the request fails and the job is rescheduled (the default 3 retries stay
    // within 15 minutes on both trackers).
    private TimeSpan BareLimitWait(DateTimeOffset now)
    {
        if (_pauseUntil > now)
        {
            return _pauseUntil - now;
        }

        _secondaryStreak = Math.Min(_secondaryStreak + 1, 16);
        var repeats = Math.Pow(2, _secondaryStreak - 1);
        TimeSpan wait;
        if (_rules.BareWait == UnhintedLimitWait.WindowEnd)
        {
            var period = _options.LimitWindow.Ticks;
            var windowEnd = ((now.UtcTicks / period) + 1) * period;
            var jitter = _options.LimitJitter * Random.Shared.NextDouble();
            wait = new DateTimeOffset(windowEnd, TimeSpan.Zero) - now + (_options.LimitWindow * (repeats - 1)) + jitter;
        }
        else
        {
            wait = _options.LimitBackoff * repeats;
        }

        return wait;
    }

    // Out-of-order responses must not raise the budget: within one window keep the lowest remaining.
    private void RecordBudget(string resource, RateLimitHeaders headers)
    {
        if (headers is not { Remaining: { } remaining, ResetAt: { } reset } || headers.RetryAfter is not null)
        {
            return;
        }

        var budget = _budgets.GetValueOrDefault(resource);
        if (budget is null || reset > budget.ResetAt)
        {
            _budgets[resource] = new Budget(remaining, reset, headers.Limit ?? budget?.Limit);
        }
        else if (reset == budget.ResetAt && remaining < budget.Remaining)
        {
            _budgets[resource] = budget with { Remaining = remaining };
        }
    }

    /// <summary>
    /// The budget a request counts against. GitHub names it in <c>x-ratelimit-resource</c>; before the answer the
    /// request says it: GraphQL (<c>POST /graphql</c>) is <c>graphql</c>, search is <c>search</c>, the rest of REST
    /// <c>core</c>. GitLab's API throttle counts REST and GraphQL together, so it has one budget.
    /// </summary>
    internal string ResourceOf(HttpRequestMessage? request, RateLimitHeaders? headers)
    {
        if (!_rules.NamedBudgets)
        {
            return "api";
        }

        if (headers?.Resource is { } named)
        {
            return named;
        }

        var path = request?.RequestUri?.AbsolutePath ?? "/";
        if (EndpointKinds.Classify(request?.Method.Method ?? "GET", path, _apiRootPath) == EndpointKinds.GraphQl)
        {
            return "graphql";
        }

        var relative = path.StartsWith(_apiRootPath, StringComparison.OrdinalIgnoreCase) ? path[_apiRootPath.Length..] : path.TrimStart('/');
        return relative.StartsWith("search/", StringComparison.OrdinalIgnoreCase) ? "search" : "core";
    }

    private TimeSpan? CurrentPause(string resource)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var until = _pauseUntil;
            DateTimeOffset? resetAt = null;
            if (_budgets.GetValueOrDefault(resource) is { } budget && budget.ResetAt > now && budget.Remaining <= Reserve(budget))
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
        Requests.Dispose();
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
