using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The <c>Host</c> a request names, compared in one normal form. A browser sends the name from the address bar, so a
/// page on a rebound DNS name (evil.example resolving to 127.0.0.1) reaches a loopback port under its own name.
/// </summary>
internal static class RequestHost
{
    private static readonly FrozenSet<string> LoopbackNames = FrozenSet.Create(StringComparer.Ordinal, "localhost", "127.0.0.1", "[::1]");

    /// <summary>Lower case, an IP address in its canonical form (IPv6 in brackets); null when it is no host name.</summary>
    public static string? Normalize(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var bare = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address))
        {
            return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }

        return Uri.CheckHostName(bare) == UriHostNameType.Dns ? bare.ToLowerInvariant() : null;
    }

    /// <summary>Whether the request names <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c>, with any port.</summary>
    public static bool IsLoopbackName(HostString host) => Normalize(host.Host) is { } name && LoopbackNames.Contains(name);

    /// <summary>The configured names in normal form; empty means any host is answered.</summary>
    public static FrozenSet<string> Allowed(IEnumerable<string> configured) =>
        configured.Select(Normalize).OfType<string>().ToFrozenSet(StringComparer.Ordinal);

    public static bool IsAnswered(FrozenSet<string> allowed, HostString host) =>
        allowed.Count == 0 || (Normalize(host.Host) is { } name && allowed.Contains(name));
}
