using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Request limits of one tracker, bound from <c>IssueSync:Trackers:&lt;name&gt;:Limits</c>. Start from
/// <see cref="ForKind"/> so unset keys keep the documented ceilings of that tracker. A count of 0 disables that
/// ceiling.
/// </summary>
internal sealed record TrackerLimitsOptions
{
    /// <summary>GETs/HEADs in flight at once.</summary>
    public int ReadConcurrency { get; init; } = 4;

    /// <summary>GitHub content-creating requests (POST/PATCH/PUT/DELETE) per sliding minute.</summary>
    public int WritesPerMinute { get; init; }

    /// <summary>GitHub content-creating requests per sliding hour.</summary>
    public int WritesPerHour { get; init; }

    /// <summary>Send content-creating requests one at a time (GitHub asks for serial mutations).</summary>
    public bool SerialWrites { get; init; }

    /// <summary>Gap between the end of one content-creating request and the start of the next.</summary>
    public TimeSpan MinWriteSpacing { get; init; }

    /// <summary>GitLab issue creation (<c>POST .../issues</c>) per sliding minute.</summary>
    public int IssueCreatesPerMinute { get; init; }

    /// <summary>GitLab note creation (<c>POST .../notes</c>) per sliding minute.</summary>
    public int NoteCreatesPerMinute { get; init; }

    /// <summary>
    /// Requests of every kind (reads, writes, GraphQL) per sliding minute, kept client-side because the tracker may
    /// enforce its limit without announcing it: GitLab sends <c>RateLimit-*</c> only on throttled answers unless a
    /// feature flag is on. GitLab.com documents 2,000 authenticated API requests per user and minute.
    /// </summary>
    public int RequestsPerMinute { get; init; }

    /// <summary>
    /// Requests of every kind per sliding hour: GitLab.com's per-plan sustained limits (proposed: Free 5,000,
    /// Premium 15,000, Ultimate 25,000 an hour), or a self-managed instance's own. A wait longer than
    /// <see cref="MaxWait"/> fails the request instead.
    /// </summary>
    public int RequestsPerHour { get; init; }

    /// <summary>
    /// The period of the tracker's throttle windows: a GitLab 429 that says neither <c>Retry-After</c> nor
    /// <c>RateLimit-Reset</c> is retried when the current window ends (Rack::Attack windows start at multiples of
    /// the period since the epoch), plus up to <see cref="LimitJitter"/>.
    /// </summary>
    public TimeSpan LimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most added at random to a window-end wait, so replicas and clock skew do not meet the new window together.</summary>
    public TimeSpan LimitJitter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause when the primary budget's remaining count is at or below this; null means 1% of the limit, at least 1.</summary>
    public long? PrimaryReserve { get; init; }

    /// <summary>Longer waits are not sat out: the request fails with <see cref="TrackerRateLimitedException"/> so the job can be rescheduled.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Retries after a limit response (429, or a 403 that signals a limit).</summary>
    public int MaxLimitRetries { get; init; } = 3;

    /// <summary>
    /// First wait after a GitHub limit response that says nothing about when to retry; doubles on each repeat.
    /// GitLab waits for the end of <see cref="LimitWindow"/> instead.
    /// </summary>
    public TimeSpan LimitBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>After a 401 the tracker fails fast for this long instead of sending more requests with a bad token.</summary>
    public TimeSpan UnauthorizedCooldown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The documented ceilings of each tracker kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No dialect is registered for <paramref name="kind"/>.</exception>
    public static TrackerLimitsOptions ForKind(TrackerKind kind) => TrackerDialects.For(kind).DefaultLimits();

    /// <summary>Fails at registration, naming the configuration key, rather than misbehaving at the first request.</summary>
    public void Validate(string trackerName)
    {
        var prefix = $"IssueSync:Trackers:{trackerName}:Limits:";
        Require(ReadConcurrency >= 1, prefix + nameof(ReadConcurrency), "must be at least 1");
        Require(WritesPerMinute >= 0 && WritesPerHour >= 0 && IssueCreatesPerMinute >= 0 && NoteCreatesPerMinute >= 0,
            prefix + "*PerMinute/*PerHour", "must not be negative");
        Require(RequestsPerMinute >= 0, prefix + nameof(RequestsPerMinute), "must not be negative (0 turns request pacing off)");
        Require(RequestsPerHour >= 0, prefix + nameof(RequestsPerHour), "must not be negative (0 turns request pacing off)");
        Require(LimitWindow > TimeSpan.Zero, prefix + nameof(LimitWindow), "must be positive");
        Require(LimitJitter >= TimeSpan.Zero, prefix + nameof(LimitJitter), "must not be negative");
        Require(MinWriteSpacing >= TimeSpan.Zero, prefix + nameof(MinWriteSpacing), "must not be negative");
        Require(PrimaryReserve is null or >= 0, prefix + nameof(PrimaryReserve), "must not be negative");
        Require(MaxWait >= TimeSpan.Zero, prefix + nameof(MaxWait), "must not be negative");
        Require(MaxLimitRetries >= 0, prefix + nameof(MaxLimitRetries), "must not be negative");
        Require(LimitBackoff > TimeSpan.Zero, prefix + nameof(LimitBackoff), "must be positive");
        Require(UnauthorizedCooldown >= TimeSpan.Zero, prefix + nameof(UnauthorizedCooldown), "must not be negative");
    }

    private static void Require(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(key, $"{key} {rule}");
        }
    }
}
