using System.Net;
using System.Net.Sockets;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Limits wrong dashboard credentials per client: after <see cref="MaxFailures"/> within <see cref="Window"/> the
/// client gets 429 until the window ends, and no PBKDF2 runs for it. Without this, each bogus Basic request costs
/// tens of milliseconds of CPU and passwords can be guessed as fast as the CPU allows.
/// </summary>
internal sealed class DashboardFailureLimiter(TimeProvider time)
{
    internal const int MaxFailures = 10;

    /// <summary>Clients tracked at once; past it expired windows go first, then the oldest.</summary>
    internal const int MaxClients = 10_000;

    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Failures> clients = new(StringComparer.Ordinal);

    /// <summary>Clients currently tracked (for tests of the bound).</summary>
    internal int Tracked
    {
        get
        {
            lock (gate)
            {
                return clients.Count;
            }
        }
    }

    /// <summary>How long <paramref name="client"/> must wait before its credentials are checked again; null when it need not.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return clients.TryGetValue(Key(client), out var failures) && failures.Count >= MaxFailures && failures.Until > now
                ? failures.Until - now
                : null;
        }
    }

    /// <summary>Counts a failure; true when it is the one that reaches the limit.</summary>
    public bool RecordFailure(IPAddress? client)
    {
        var key = Key(client);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!clients.TryGetValue(key, out var failures) || failures.Until <= now)
            {
                MakeRoom(now);
                failures = new Failures(now + Window);
                clients[key] = failures;
            }

            failures.Count++;
            return failures.Count == MaxFailures;
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (clients.Count < MaxClients)
        {
            return;
        }

        foreach (var (key, failures) in clients)
        {
            if (failures.Until <= now)
            {
                clients.Remove(key);
            }
        }

        if (clients.Count >= MaxClients)
        {
            clients.Remove(clients.MinBy(c => c.Value.Until).Key);
        }
    }

    /// <summary>An IPv6 client is its /64: one host usually holds the whole prefix and could rotate through it.</summary>
    private static string Key(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    private sealed class Failures(DateTimeOffset until)
    {
        public DateTimeOffset Until { get; } = until;

        public int Count { get; set; }
    }
}
