using Microsoft.AspNetCore.Http;
using Sync.Worker.Dashboard;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The request rules on their own: the cross-site check and the Host names.</summary>
public sealed class DashboardRequestRulesTests
{
    private static HttpRequest Request(string host, string? origin = null, string? fetchSite = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Host = HostString.FromUriComponent(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        return context.Request;
    }

    [Theory]
    [InlineData("https://dash.example", "dash.example", false)] // behind the TLS ingress: https page, http Host without port
    [InlineData("https://dash.example", "dash.example:443", false)]
    [InlineData("http://dash.example", "dash.example", false)]
    [InlineData("http://dash.example:8080", "dash.example:8080", false)]
    [InlineData("https://DASH.example", "dash.example", false)]
    [InlineData("http://[::1]:8080", "[::1]:8080", false)]
    [InlineData("https://dash.example:8443", "dash.example", true)]
    [InlineData("http://dash.example", "dash.example:8080", true)]
    [InlineData("https://dash.example", "dash.example:8080", true)]
    [InlineData("http://127.0.0.1:9000", "127.0.0.1:8080", true)]
    [InlineData("https://evil.example", "dash.example", true)]
    [InlineData("null", "dash.example", true)]
    [InlineData("ftp://dash.example", "dash.example", true)]
    public void Origin_MustMatchHostAndPort(string origin, string host, bool crossSite) =>
        Assert.Equal(crossSite, CrossSiteRequest.IsCrossSite(Request(host, origin)));

    [Theory]
    [InlineData("same-origin", false)]
    [InlineData("none", false)]
    [InlineData("same-site", true)]
    [InlineData("cross-site", true)]
    public void FetchMetadata_IsTheFirstCheck(string site, bool crossSite) =>
        Assert.Equal(crossSite, CrossSiteRequest.IsCrossSite(Request("dash.example", origin: site == "same-origin" ? "https://evil.example" : "https://dash.example", fetchSite: site)));

    [Fact]
    public void NoOriginAndNoFetchMetadata_IsNotFromABrowserPage() =>
        Assert.False(CrossSiteRequest.IsCrossSite(Request("dash.example")));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST:8080", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("[0:0::1]", true)]
    [InlineData("evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("", false)]
    public void LoopbackNames_AreLocalhostAnd127001AndIpv6Loopback(string host, bool loopback) =>
        Assert.Equal(loopback, RequestHost.IsLoopbackName(HostString.FromUriComponent(host)));

    [Fact]
    public void HostsList_IsComparedWithoutPortOrCase()
    {
        var allowed = RequestHost.Allowed(["Dashboard.Example", "::1"]);

        Assert.True(RequestHost.IsAnswered(allowed, new HostString("dashboard.example:8443")));
        Assert.True(RequestHost.IsAnswered(allowed, new HostString("[::1]:80")));
        Assert.False(RequestHost.IsAnswered(allowed, new HostString("localhost")));
        Assert.True(RequestHost.IsAnswered(RequestHost.Allowed([]), new HostString("anything.example")));
    }
}
