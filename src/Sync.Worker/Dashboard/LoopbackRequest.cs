using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Whether a request really comes from this host, decided by the connection and never by what a client or proxy says.
/// With <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> the forwarded-headers middleware trusts any
/// <c>X-Forwarded-For</c> and rewrites <see cref="ConnectionInfo.RemoteIpAddress"/>, so a forged
/// <c>X-Forwarded-For: 127.0.0.1</c> would otherwise look local.
/// </summary>
internal sealed class LoopbackRequest
{
    // What proxies send and what the forwarded-headers middleware leaves behind once it has applied them.
    private static readonly string[] CommonProxyHeaders =
    [
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP",
        "X-Original-For", "X-Original-Host", "X-Original-Proto", "X-Original-Prefix",
    ];

    private readonly FrozenSet<string> proxyHeaders;

    /// <param name="forwarded">The forwarded-headers settings, whose header names may have been changed.</param>
    public LoopbackRequest(ForwardedHeadersOptions forwarded)
    {
        proxyHeaders = CommonProxyHeaders
            .Concat([
                forwarded.ForwardedForHeaderName, forwarded.ForwardedHostHeaderName, forwarded.ForwardedProtoHeaderName,
                forwarded.ForwardedPrefixHeaderName, forwarded.OriginalForHeaderName, forwarded.OriginalHostHeaderName,
                forwarded.OriginalProtoHeaderName, forwarded.OriginalPrefixHeaderName,
            ])
            .Where(name => !string.IsNullOrEmpty(name))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A loopback connection that no proxy forwarded.</summary>
    public bool IsDirectLoopback(HttpContext context)
    {
        foreach (var name in context.Request.Headers.Keys)
        {
            if (proxyHeaders.Contains(name))
            {
                return false;
            }
        }

        return PeerAddress(context) is { } peer && IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer);
    }

    /// <summary>The address at the other end of the socket, which no middleware rewrites; else the connection's.</summary>
    private static IPAddress? PeerAddress(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return context.Connection.RemoteIpAddress;
        }

        try
        {
            return (socket.RemoteEndPoint as IPEndPoint)?.Address;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            return null;
        }
    }
}
