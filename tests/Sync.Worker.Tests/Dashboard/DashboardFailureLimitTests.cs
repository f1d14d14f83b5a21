using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sync.Worker.Configuration;
using Sync.Worker.Dashboard;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The failure limit's window and memory, and the cache of successful checks, on a fake clock.</summary>
public sealed class DashboardFailureLimitTests
{
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());

    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");

    private void Fail(DashboardFailureLimiter limiter, IPAddress client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            limiter.RecordFailure(client);
        }
    }

    [Fact]
    public void Limit_StartsAtTheTenthFailure_AndEndsWithTheWindow()
    {
        var limiter = new DashboardFailureLimiter(time);
        Fail(limiter, Client, DashboardFailureLimiter.MaxFailures - 1);
        Assert.Null(limiter.RetryAfter(Client));

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.RecordFailure(Client)); // the one that reaches the limit
        Assert.Equal(DashboardFailureLimiter.Window - TimeSpan.FromSeconds(20), limiter.RetryAfter(Client));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("198.51.100.8")));

        time.Advance(DashboardFailureLimiter.Window - TimeSpan.FromSeconds(20));
        Assert.Null(limiter.RetryAfter(Client));
        Assert.False(limiter.RecordFailure(Client)); // a new window starts from one
        Assert.Null(limiter.RetryAfter(Client));
    }

    [Fact]
    public void Ipv6Clients_AreLimitedPerSlash64()
    {
        var limiter = new DashboardFailureLimiter(time);
        for (var i = 1; i <= DashboardFailureLimiter.MaxFailures; i++)
        {
            limiter.RecordFailure(IPAddress.Parse($"2001:db8:1:2::{i:x}"));
        }

        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void Memory_IsBounded_ExpiredWindowsFirst()
    {
        var limiter = new DashboardFailureLimiter(time);
        Fail(limiter, Client, DashboardFailureLimiter.MaxFailures);
        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < DashboardFailureLimiter.MaxClients + 10; i++)
        {
            limiter.RecordFailure(new IPAddress(0x0A000000L + i)); // one failure each from as many addresses
        }

        Assert.Equal(DashboardFailureLimiter.MaxClients, limiter.Tracked);
        Assert.Null(limiter.RetryAfter(Client)); // the oldest window made room

        time.Advance(DashboardFailureLimiter.Window);
        limiter.RecordFailure(Client);
        Assert.Equal(1, limiter.Tracked); // every expired window went at once
    }

    [Fact]
    public void SuccessfulCheck_IsReusedForFiveMinutes_ThenHashedAgain()
    {
        var options = new IssueSyncOptions();
        options.Dashboard.Users.Add(new DashboardUserOptions { Name = "alice", PasswordHash = PasswordHash.Create("pw", PasswordHash.MinIterations) });
        var credentials = new DashboardCredentials(Options.Create(options), time);

        Assert.Equal("alice", credentials.Check("alice", "pw"));
        Assert.Equal("alice", credentials.Check("alice", "pw"));
        Assert.Equal(1, credentials.Verifications);

        Assert.Null(credentials.Check("alice", "pw2"));
        Assert.Null(credentials.Check("alice", "pw2")); // failures are never cached
        Assert.Equal(3, credentials.Verifications);

        time.Advance(DashboardCredentials.CacheLifetime);
        Assert.Equal("alice", credentials.Check("alice", "pw"));
        Assert.Equal(4, credentials.Verifications);
    }
}
