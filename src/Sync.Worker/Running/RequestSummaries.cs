using Sync.Core.Pipeline;
using Sync.Worker.Trackers;

namespace Sync.Worker.Running;

/// <summary>Turns two request-counter snapshots into the requests made between them, per tracker.</summary>
internal static class RequestSummaries
{
    public static IReadOnlyList<TrackerRequestSummary> Since(RequestCountSnapshot before, RequestCountSnapshot after)
    {
        var result = new List<TrackerRequestSummary>();
        foreach (var (tracker, counts) in after.Trackers)
        {
            before.Trackers.TryGetValue(tracker, out var earlier);
            var byEndpoint = counts.ByEndpoint
                .Select(e => (Key: $"{e.Key.Method} {e.Key.Endpoint}", Count: e.Value - (earlier?.ByEndpoint.GetValueOrDefault(e.Key) ?? 0)))
                .Where(e => e.Count > 0)
                .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
            var total = counts.Total - (earlier?.Total ?? 0);
            if (total > 0)
            {
                result.Add(new TrackerRequestSummary(tracker, total, byEndpoint));
            }
        }

        return result;
    }
}
