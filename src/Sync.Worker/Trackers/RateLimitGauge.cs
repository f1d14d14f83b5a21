using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Sync.Worker.Trackers;

/// <summary>
/// The <c>issuesync.tracker.ratelimit.remaining</c> gauge of the <c>IssueSync</c> meter: each tracker's primary
/// budget per resource (tags <c>tracker</c>, <c>resource</c>: GitHub <c>core</c> / <c>graphql</c>, GitLab <c>api</c>)
/// as its <see cref="TrackerLimiter"/> last recorded it from response headers. Budgets never reported (or limiters
/// never used) have no series.
/// </summary>
internal sealed class RateLimitGauge
{
    public const string InstrumentName = "issuesync.tracker.ratelimit.remaining";

    private readonly ConcurrentDictionary<string, TrackerLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);

    public RateLimitGauge(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RequestCounter.MeterName);
        meter.CreateObservableGauge(
            InstrumentName,
            Observe,
            unit: "{request}",
            description: "Requests left in the tracker's primary rate-limit window, as last reported by its response headers");
    }

    /// <summary>Called once per limiter when the container creates it.</summary>
    public void Track(TrackerLimiter limiter) => _limiters[limiter.TrackerName] = limiter;

    private IEnumerable<Measurement<long>> Observe()
    {
        foreach (var limiter in _limiters.Values)
        {
            foreach (var (resource, remaining) in limiter.RemainingBudgets)
            {
                yield return new Measurement<long>(
                    remaining,
                    new KeyValuePair<string, object?>("tracker", limiter.TrackerName),
                    new KeyValuePair<string, object?>("resource", resource));
            }
        }
    }
}
