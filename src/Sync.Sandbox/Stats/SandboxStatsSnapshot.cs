namespace Sync.Sandbox;

/// <summary>An immutable copy of the counters: instance name → endpoint key → requests.</summary>
public sealed record SandboxStatsSnapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Instances)
{
    public long Total => Instances.Values.Sum(e => e.Values.Sum());

    public long ForInstance(string instance) => Instances.TryGetValue(instance, out var e) ? e.Values.Sum() : 0;

    public long For(string instance, string endpoint) =>
        Instances.TryGetValue(instance, out var e) && e.TryGetValue(endpoint, out var n) ? n : 0;

    /// <summary>
    /// Whether requests to <paramref name="endpoint"/> (a stats key such as <c>PUT /projects/:id/issues/:iid</c>) write:
    /// every method but GET, except the GraphQL endpoint, which the sandbox serves for queries only.
    /// </summary>
    public static bool IsWrite(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return !endpoint.StartsWith("GET ", StringComparison.Ordinal) && endpoint != "POST /graphql";
    }

    /// <summary>Writes (see <see cref="IsWrite"/>) that <paramref name="instance"/> received since <paramref name="before"/>, by endpoint (only endpoints that grew).</summary>
    public Dictionary<string, long> WritesSince(SandboxStatsSnapshot before, string instance)
    {
        ArgumentNullException.ThrowIfNull(before);
        return (Instances.TryGetValue(instance, out var endpoints) ? endpoints : new Dictionary<string, long>())
            .Where(e => IsWrite(e.Key))
            .Select(e => (e.Key, Count: e.Value - before.For(instance, e.Key)))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
    }
}
