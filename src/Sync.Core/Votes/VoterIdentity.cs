namespace Sync.Core.Votes;

/// <summary>
/// Resolves a voter, <c>tracker:username</c>, to one identity across trackers so the same person voting on a
/// GitLab issue and its GitHub copy counts once.
/// </summary>
/// <remarks>
/// Map entries are edges in either direction: <c>gitlab:alice → github:alice-gh</c> and the reverse entry
/// mean the same thing, and chains join too. Every identity in a connected group resolves to the same
/// canonical form: the ordinal-smallest mapped-to value in the group (so a single entry resolves to its
/// value, as written). Identities are lower-cased because both trackers treat usernames case-insensitively.
/// </remarks>
public sealed class VoterIdentity
{
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _canonicalBySpan;

    public VoterIdentity(IReadOnlyDictionary<string, string> identityMap)
    {
        ArgumentNullException.ThrowIfNull(identityMap);
        _canonicalBySpan = _canonical.GetAlternateLookup<ReadOnlySpan<char>>();

        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in identityMap)
        {
            var a = Normalize(from);
            var b = Normalize(to);
            values.Add(b);
            Link(neighbours, a, b);
            Link(neighbours, b, a);
        }

        foreach (var start in neighbours.Keys)
        {
            if (_canonical.ContainsKey(start))
            {
                continue;
            }

            var group = Group(neighbours, start);
            var representative = group.Where(values.Contains).Min(StringComparer.Ordinal)!;
            foreach (var member in group)
            {
                _canonical[member] = representative;
            }
        }
    }

    /// <summary>The canonical identity of <paramref name="username"/> on tracker <paramref name="host"/>.</summary>
    public string Canonical(string host, string username)
    {
        var key = Key(host, username);
        return _canonical.GetValueOrDefault(key, key);
    }

    /// <summary>
    /// The mapped identity of a key already in the form <see cref="Key"/> gives; false when the key is not mapped (then
    /// it is its own canonical form). Lets a hot loop build the key in a buffer and allocate only what it keeps.
    /// </summary>
    internal bool TryMapped(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string canonical) =>
        _canonicalBySpan.TryGetValue(key, out canonical);

    public static string Canonical(string host, string username, IReadOnlyDictionary<string, string> identityMap) =>
        new VoterIdentity(identityMap).Canonical(host, username);

    /// <summary>The un-mapped form, <c>host:username</c> in lower case.</summary>
    public static string Key(string host, string username)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        return Normalize($"{host}:{username}");
    }

    private static string Normalize(string identity) => identity.Trim().ToLowerInvariant();

    private static void Link(Dictionary<string, List<string>> neighbours, string from, string to)
    {
        if (!neighbours.TryGetValue(from, out var list))
        {
            list = [];
            neighbours[from] = list;
        }

        list.Add(to);
    }

    private static List<string> Group(Dictionary<string, List<string>> neighbours, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var current))
        {
            foreach (var next in neighbours[current])
            {
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return [.. seen];
    }
}
