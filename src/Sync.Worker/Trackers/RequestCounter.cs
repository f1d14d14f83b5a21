using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace Sync.Worker.Trackers;

/// <summary>
/// Counts every HTTP request sent to a tracker (retries included) by tracker, method, endpoint kind and
/// status, and mirrors them to the <c>issuesync.tracker.requests</c> counter of the <c>IssueSync</c> meter.
/// Status 0 means no response (connection error, timeout).
/// </summary>
internal sealed class RequestCounter
{
    public const string MeterName = "IssueSync";
    public const string InstrumentName = "issuesync.tracker.requests";

    private readonly ConcurrentDictionary<RequestKey, long> _counts = new();
    private readonly Counter<long> _instrument;

    public RequestCounter(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _instrument = meter.CreateCounter<long>(InstrumentName, unit: "{request}", description: "HTTP requests sent to issue trackers");
    }

    public void Record(string tracker, string method, string endpoint, int status)
    {
        _counts.AddOrUpdate(new RequestKey(tracker, method, endpoint, status), 1, static (_, n) => n + 1);
        _instrument.Add(
            1,
            new KeyValuePair<string, object?>("tracker", tracker),
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("status", status));
    }

    public RequestCountSnapshot Snapshot()
    {
        var entries = _counts.ToArray();
        var trackers = entries
            .GroupBy(e => e.Key.Tracker, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => new TrackerRequestCounts(
                    g.Key,
                    g.Sum(e => e.Value),
                    g.GroupBy(e => new EndpointKey(e.Key.Method, e.Key.Endpoint))
                        .ToImmutableDictionary(eg => eg.Key, eg => eg.Sum(e => e.Value)),
                    g.ToImmutableDictionary(e => e.Key, e => e.Value)),
                StringComparer.Ordinal);
        return new RequestCountSnapshot(trackers);
    }

    public void Reset() => _counts.Clear();
}

/// <summary>One counted combination.</summary>
internal readonly record struct RequestKey(string Tracker, string Method, string Endpoint, int Status);

/// <summary>A (method, endpoint kind) pair, e.g. (GET, issues.list).</summary>
internal readonly record struct EndpointKey(string Method, string Endpoint);

/// <summary>Counts of one tracker: total, per (method, endpoint kind), and per full key with status.</summary>
internal sealed record TrackerRequestCounts(
    string Tracker,
    long Total,
    ImmutableDictionary<EndpointKey, long> ByEndpoint,
    ImmutableDictionary<RequestKey, long> ByStatus)
{
    public long Count(string method, string endpoint) => ByEndpoint.GetValueOrDefault(new EndpointKey(method, endpoint));
}

internal sealed record RequestCountSnapshot(ImmutableSortedDictionary<string, TrackerRequestCounts> Trackers)
{
    public long Total => Trackers.Values.Sum(t => t.Total);

    public long TotalFor(string tracker) => Trackers.TryGetValue(tracker, out var counts) ? counts.Total : 0;
}
