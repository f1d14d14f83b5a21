namespace Sync.Worker.Dashboard;

/// <summary>
/// Whether a browser sent a request from a page of another site. A browser resends Basic credentials (and loopback
/// access needs none), so such a page could post to the dashboard's commands.
/// </summary>
internal static class CrossSiteRequest
{
    /// <summary>
    /// Fetch metadata when the browser sends it, else the <c>Origin</c> host and port against the request's; requests
    /// without either (scripts, curl) are not from a browser page and pass.
    /// </summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // "null" and other opaque origins do not parse: refused.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || (from.Scheme != Uri.UriSchemeHttp && from.Scheme != Uri.UriSchemeHttps))
        {
            return true;
        }

        // The scheme is left out: behind the TLS ingress the page is https while this process sees http on a Host
        // without a port, whose port is then the default of the Origin's scheme. Another port is another origin
        // (another local service on 127.0.0.1 is not this dashboard).
        var host = RequestHost.Normalize(from.Host);
        return host is null
            || !string.Equals(host, RequestHost.Normalize(request.Host.Host), StringComparison.Ordinal)
            || from.Port != (request.Host.Port ?? (from.Scheme == Uri.UriSchemeHttps ? 443 : 80));
    }
}
