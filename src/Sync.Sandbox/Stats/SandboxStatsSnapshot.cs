namespace Sync.Sandbox;

/// <summary>An immutable copy of the counters: instance name → endpoint key → requests.</summary>
public sealed record SandboxStatsSnapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Instances)
{
    public long Total => Instances.Values.Sum(e => e.Values.Sum());

    public long ForInstance(string instance) => Instances.TryGetValue(instance, out var e) ? e.Values.Sum() : 0;

    public long For(string instance, string endpoint) =>
        Instances.TryGetValue(instance, out var e) && e.TryGetValue(endpoint, out var n) ? n : 0;
}
