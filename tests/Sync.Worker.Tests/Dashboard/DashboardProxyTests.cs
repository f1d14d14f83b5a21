using System.Net;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>
/// Loopback access explicitly allowed next to users, with the forwarded-headers middleware trusting every
/// <c>X-Forwarded-For</c>: only a direct loopback connection naming a loopback host gets in without credentials.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardProxyTests(ProxiedDashboardHost host) : IClassFixture<ProxiedDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task DirectLoopbackRequest_NamingALoopbackHost_GetsInWithoutCredentials(string name)
    {
        using var client = host.Client();
        using var response = await GetAsync(client, ("Host", $"{name}:{host.BaseAddress.Port}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")] // consumed by the middleware, which leaves X-Original-For
    [InlineData("X-Forwarded-For", "203.0.113.5")] // a proxy on this host forwarding an outside client
    [InlineData("X-Forwarded-Host", "localhost")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Original-For", "127.0.0.1:4000")]
    [InlineData("X-Real-IP", "127.0.0.1")]
    public async Task LoopbackRequest_CarryingAProxyHeader_NeedsCredentials(string name, string value)
    {
        using var client = host.Client();
        using var response = await GetAsync(client, (name, value));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task ForgedForwardedFor_FromANonLoopbackAddress_DoesNotGetLoopbackAccess()
    {
        var outside = host.Addresses.FirstOrDefault(a => a.Host != "127.0.0.1") ?? SkipWithoutOutsideAddress();
        using var client = new HttpClient { BaseAddress = outside };

        // The client names the loopback host itself: without a forwarded header it is refused by its address.
        using var plain = await GetAsync(client, ("Host", $"127.0.0.1:{outside.Port}"));
        using var forged = await GetAsync(client, ("Host", $"127.0.0.1:{outside.Port}"), ("X-Forwarded-For", "127.0.0.1"));

        Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task ListedHostThatIsNotLoopback_NeedsCredentials()
    {
        using var anonymous = host.Client();
        using var refused = await GetAsync(anonymous, ("Host", ProxiedDashboardHost.ListedHost));
        using var signedIn = host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);
        using var admitted = await GetAsync(signedIn, ("Host", ProxiedDashboardHost.ListedHost));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("[::1]")] // loopback, but not in IssueSync:Dashboard:Hosts
    public async Task HostNotListed_Is400_EvenWithCredentials(string name)
    {
        var before = host.Credentials.Verifications;
        using var client = host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);
        using var response = await GetAsync(client, ("Host", $"{name}:{host.BaseAddress.Port}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, host.Credentials.Verifications);
    }

    [Fact]
    public async Task WrongPasswords_AfterTheLimit_Answer429WithRetryAfter_AndHashNoMore()
    {
        const string attacker = "203.0.113.21";
        using var client = host.Client(ProtectedDashboardHost.User, "not-the-password");
        var before = host.Credentials.Verifications;
        for (var i = 0; i < DashboardFailureLimiter.MaxFailures; i++)
        {
            using var failed = await GetAsync(client, ("X-Forwarded-For", attacker));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var afterFailures = host.Credentials.Verifications;
        Assert.Equal(before + DashboardFailureLimiter.MaxFailures, afterFailures);

        using var limited = await GetAsync(client, ("X-Forwarded-For", attacker));
        using var right = host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);
        using var limitedEvenIfRight = await GetAsync(right, ("X-Forwarded-For", attacker));
        var afterLimited = host.Credentials.Verifications;
        using var otherClient = await GetAsync(right, ("X-Forwarded-For", "203.0.113.22"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), DashboardFailureLimiter.Window);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedEvenIfRight.StatusCode);
        Assert.Equal(afterFailures, afterLimited); // neither limited request ran PBKDF2
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task RightCredentials_AreHashedOnce_ThenServedFromTheCache()
    {
        using var client = host.Client(ProxiedDashboardHost.CacheUser, ProxiedDashboardHost.CachePassword);
        var before = host.Credentials.Verifications;
        using var first = await GetAsync(client, ("X-Forwarded-For", "203.0.113.30"));
        var afterFirst = host.Credentials.Verifications;
        using var second = await GetAsync(client, ("X-Forwarded-For", "203.0.113.30"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, host.Credentials.Verifications);
    }

    private static Uri SkipWithoutOutsideAddress()
    {
        const string why = "this machine has no non-loopback IPv4 address to connect from";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"cannot be skipped under CI=true: {why}");
        }

        Assert.Skip(why);
        return null!;
    }
}
