using System.Collections.Concurrent;
using System.Collections.Immutable;
using Sync.Sandbox.Model;

namespace Sync.Sandbox;

/// <summary>
/// Counts every request received, per instance and per endpoint key ("GET /projects/:id/issues"), and keeps the time
/// of every accepted write the trackers' content-creation ceilings count, per instance and user.
/// </summary>
public sealed class SandboxStats
{
    private readonly ConcurrentDictionary<(string Instance, string Endpoint), long> _counts = new();
    private readonly Lock _writesSync = new();
    private readonly Dictionary<(string Instance, string Username, SandboxWriteKind Kind), List<DateTimeOffset>> _writes = [];
    private readonly ConcurrentDictionary<string, string> _trackerKinds = new(StringComparer.Ordinal);
    private readonly SandboxLimits _limits;

    internal SandboxStats(SandboxLimits limits) => _limits = limits;

    private readonly ConcurrentDictionary<(string Instance, string Version), long> _apiVersions = new();

    internal void Count(string instance, string endpoint) =>
        _counts.AddOrUpdate((instance, endpoint), 1, (_, n) => n + 1);

    /// <summary>Tallies the <c>X-GitHub-Api-Version</c> a GitHub request named ("" when it named none).</summary>
    internal void CountApiVersion(string instance, string version) =>
        _apiVersions.AddOrUpdate((instance, version), 1, (_, n) => n + 1);

    /// <summary>
    /// How many requests to a GitHub <paramref name="instance"/> named each <c>X-GitHub-Api-Version</c>; the key ""
    /// counts requests that named none (GitHub answers those as 2022-11-28).
    /// </summary>
    public IReadOnlyDictionary<string, long> ApiVersions(string instance) =>
        _apiVersions.Where(kv => kv.Key.Instance == instance).ToImmutableSortedDictionary(kv => kv.Key.Version, kv => kv.Value, StringComparer.Ordinal);

    internal void CountWrite(SandboxInstance instance, SandboxUser user, SandboxWriteKind kind, DateTimeOffset at)
    {
        _trackerKinds[instance.Name] = instance.Kind;
        lock (_writesSync)
        {
            var key = (instance.Name, user.Username, kind);
            if (!_writes.TryGetValue(key, out var times))
            {
                _writes[key] = times = [];
            }

            times.Add(at);
        }
    }

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

    /// <summary>
    /// For each user who wrote to <paramref name="instance"/> ("gitlab", "github"...): the writes the tracker's
    /// content-creation ceilings count and the busiest sliding window of each ceiling, on the sandbox clock.
    /// </summary>
    public SandboxWriteWindows WriteWindows(string instance)
    {
        if (!_trackerKinds.TryGetValue(instance, out var trackerKind))
        {
            return new SandboxWriteWindows(instance, ImmutableSortedDictionary<string, SandboxUserWrites>.Empty);
        }

        List<(string Username, SandboxWriteKind Kind, DateTimeOffset[] Times)> copies;
        lock (_writesSync)
        {
            copies = [.. _writes.Where(w => w.Key.Instance == instance).Select(w => (w.Key.Username, w.Key.Kind, w.Value.ToArray()))];
        }

        // Concurrent requests may record out of clock order; windows need the times sorted.
        var rules = WriteCeilings.For(trackerKind);
        var users = copies
            .GroupBy(c => c.Username, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => new SandboxUserWrites(g.Key, g.ToDictionary(c => c.Kind, c => c.Times.Order().ToArray()), rules, _limits),
                StringComparer.Ordinal);
        return new SandboxWriteWindows(instance, users);
    }

    /// <summary>Clears the request counts and the write times.</summary>
    public void Reset()
    {
        _counts.Clear();
        _apiVersions.Clear();
        lock (_writesSync)
        {
            _writes.Clear();
        }
    }
}
