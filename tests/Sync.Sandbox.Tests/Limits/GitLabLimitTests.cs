using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Limits;

public sealed class GitLabLimitTests
{
    [Fact]
    public async Task IssueCreation_OverTheLimit_Answers429WithRetryAfter_UntilTheWindowResets()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabIssueCreatesPerMinute = 3;
        using var client = TestSandbox.Client(server.GitLabDev);

        for (var n = 0; n < 3; n++)
        {
            using var ok = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = $"t{n}" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        using var limited = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "too many" });
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("30", limited.Header("Retry-After"));
        Assert.Equal("Retry later", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var reads = await client.GetAsync("projects/acme%2Fwidget/issues", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);

        time.Advance(TimeSpan.FromSeconds(30));
        using var again = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "after reset" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesRateLimitHeaders_AndPrimaryLimitAnswers429()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabPerMinute = 2;
        using var client = TestSandbox.Client(server.GitLab);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("user", ct);
        using var second = await client.GetAsync("user", ct);
        using var third = await client.GetAsync("user", ct);

        Assert.Equal("2", first.Header("RateLimit-Limit"));
        Assert.Equal("1", first.Header("RateLimit-Remaining"));
        Assert.Equal("1", first.Header("RateLimit-Observed"));
        Assert.Equal(TestSandbox.Start.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Header("RateLimit-Reset"));
        Assert.Equal("Tue, 10 Mar 2026 12:01:00 GMT", first.Header("RateLimit-ResetTime"));
        Assert.Equal("0", second.Header("RateLimit-Remaining"));
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.Equal("60", third.Header("Retry-After"));
    }

    [Fact]
    public async Task NoLimitsOption_NeverRejects()
    {
        await using var server = await TestSandbox.StartAsync(limits: false);
        server.Control.Limits.GitLabNoteCreatesPerMinute = 1;
        using var client = TestSandbox.Client(server.GitLabDev);

        for (var n = 0; n < 3; n++)
        {
            using var ok = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues/1/notes", new { body = "hi" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }
    }
}
