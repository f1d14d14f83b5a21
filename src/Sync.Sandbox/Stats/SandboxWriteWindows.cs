using Sync.Sandbox.Limits;

namespace Sync.Sandbox;

/// <summary>The busiest window: how many writes it held and when it starts (null when there were none).</summary>
public sealed record SandboxWindowPeak(int Count, DateTimeOffset? From);

/// <summary>One of a tracker's documented ceilings, its limit as configured now, and the busiest window a user reached.</summary>
public sealed record SandboxCeiling(SandboxWriteKind Kind, TimeSpan Window, int Limit, SandboxWindowPeak Peak)
{
    public bool Exceeded => Peak.Count > Limit;
}

/// <summary>
/// One user's accepted writes on one instance (those the sandbox's rate limiter let through, whatever the handler
/// answered or a fault did afterwards), as times on the sandbox clock.
/// </summary>
public sealed class SandboxUserWrites
{
    private readonly IReadOnlyDictionary<SandboxWriteKind, DateTimeOffset[]> _times;

    internal SandboxUserWrites(string username, IReadOnlyDictionary<SandboxWriteKind, DateTimeOffset[]> times, IEnumerable<WriteCeilings.Rule> rules, SandboxLimits limits)
    {
        Username = username;
        _times = times;
        Ceilings = [.. rules.Select(r => new SandboxCeiling(r.Kind, r.Window, r.Limit(limits), Peak(r.Kind, r.Window)))];
    }

    public string Username { get; }

    /// <summary>Every ceiling of the instance's tracker, measured for this user (kinds without writes peak at 0).</summary>
    public IReadOnlyList<SandboxCeiling> Ceilings { get; }

    public int Total(SandboxWriteKind kind) => Times(kind).Count;

    /// <summary>When each write of <paramref name="kind"/> was accepted, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Times(SandboxWriteKind kind) => _times.TryGetValue(kind, out var t) ? t : [];

    /// <summary>The most writes of <paramref name="kind"/> inside any window [start, start + <paramref name="window"/>).</summary>
    public SandboxWindowPeak Peak(SandboxWriteKind kind, TimeSpan window) => SlidingWindow.Peak(Times(kind), window);
}

/// <summary>Per-user write windows of one instance, from <see cref="SandboxStats.WriteWindows"/>.</summary>
public sealed record SandboxWriteWindows(string Instance, IReadOnlyDictionary<string, SandboxUserWrites> Users)
{
    /// <summary>Every ceiling some user went over (empty when all stayed within the tracker's limits).</summary>
    public IReadOnlyList<(string Username, SandboxCeiling Ceiling)> Exceeded =>
        [.. Users.Values.SelectMany(u => u.Ceilings.Where(c => c.Exceeded).Select(c => (u.Username, c)))];

    /// <summary>The highest peak any user reached for one ceiling (0 when nobody wrote).</summary>
    public int MaxPeak(SandboxWriteKind kind, TimeSpan window) =>
        Users.Values.Select(u => u.Peak(kind, window).Count).DefaultIfEmpty(0).Max();
}
