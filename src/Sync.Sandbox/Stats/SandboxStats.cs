using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sync.Sandbox;

/// <summary>Counts every request received, per instance and per endpoint key ("GET /projects/:id/issues").</summary>
public sealed class SandboxStats
{
    private readonly ConcurrentDictionary<(string Instance, string Endpoint), long> _counts = new();

    internal void Count(string instance, string endpoint) =>
        _counts.AddOrUpdate((instance, endpoint), 1, (_, n) => n + 1);

    public SandboxStatsSnapshot Snapshot()
    {
        var byInstance = _counts.ToArray()
            .GroupBy(kv => kv.Key.Instance, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)g.ToImmutableSortedDictionary(kv => kv.Key.Endpoint, kv => kv.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        return new SandboxStatsSnapshot(byInstance);
    }

    public void Reset() => _counts.Clear();
}
