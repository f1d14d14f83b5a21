using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Limits;

public sealed class GitLabLimitTests
{
    [Fact]
    public async Task IssueCreation_OverTheLimit_Answers429WithGitLabsJsonErrorAndNoLimitHeader_UntilTheWindowResets()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabIssueCreatesPerMinute = 3;
        using var client = TestSandbox.Client(server.GitLabDev);
        var ct = TestContext.Current.CancellationToken;

        for (var n = 0; n < 3; n++)
        {
            using var ok = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = $"t{n}" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        using var limited = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "too many" });
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("This endpoint has been requested too many times. Try again later.", (await limited.Json()).GetProperty("message").GetProperty("error").GetString());
        Assert.Null(limited.Header("Retry-After"));
        Assert.DoesNotContain(limited.Headers, h => h.Key.StartsWith("RateLimit-", StringComparison.OrdinalIgnoreCase));
        using var reads = await client.GetAsync("projects/acme%2Fwidget/issues", ct);
        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);

        time.Advance(TimeSpan.FromSeconds(30));
        using var again = await client.Send(HttpMethod.Post, "projects/acme%2Fwidget/issues", new { title = "after reset" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task UnthrottledAnswers_CarryNoRateLimitHeaders_WhileTheThrottled429CarriesThemAndRetryAfter()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabPerMinute = 2;
        using var client = TestSandbox.Client(server.GitLab);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("user", ct);
        using var second = await client.GetAsync("user", ct);
        using var third = await client.GetAsync("user", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain(first.Headers, h => h.Key.StartsWith("RateLimit-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(second.Headers, h => h.Key.StartsWith("RateLimit-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.Equal("Retry later", await third.Content.ReadAsStringAsync(ct));
        Assert.Equal("throttle_authenticated_api", third.Header("RateLimit-Name"));
        Assert.Equal("2", third.Header("RateLimit-Limit"));
        Assert.Equal("2", third.Header("RateLimit-Observed"));
        Assert.Equal("0", third.Header("RateLimit-Remaining"));
        Assert.Equal(TestSandbox.Start.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), third.Header("RateLimit-Reset"));
        Assert.Equal("Tue, 10 Mar 2026 12:01:00 GMT", third.Header("RateLimit-ResetTime"));
        Assert.Equal("60", third.Header("Retry-After"));
    }

    [Fact]
    public async Task UnthrottledAnswers_WithTheHeadersFeatureFlagOn_CarryRateLimitHeaders()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabPerMinute = 2;
        server.Control.Limits.GitLabHeadersOnUnthrottled = true;
        using var client = TestSandbox.Client(server.GitLab);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("user", ct);
        using var second = await client.GetAsync("user", ct);

        Assert.Equal("2", first.Header("RateLimit-Limit"));
        Assert.Equal("1", first.Header("RateLimit-Remaining"));
        Assert.Equal("1", first.Header("RateLimit-Observed"));
        Assert.Equal(TestSandbox.Start.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Header("RateLimit-Reset"));
        Assert.Equal("0", second.Header("RateLimit-Remaining"));
        Assert.Null(first.Header("Retry-After"));
    }

    [Fact]
    public async Task ApiThrottle_CountsInWindowsAlignedToTheEpochMinute_NotFromTheFirstRequest()
    {
        var time = new FakeTimeProvider(TestSandbox.Start.AddSeconds(45));
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabPerMinute = 1;
        using var client = TestSandbox.Client(server.GitLab);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("user", ct);
        using var refused = await client.GetAsync("user", ct);
        time.Advance(TimeSpan.FromSeconds(15));
        using var nextWindow = await client.GetAsync("user", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("15", refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
    }

    [Fact]
    public async Task Bare429Mode_ThrottledAnswerCarriesNeitherRateLimitHeadersNorRetryAfter()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabPerMinute = 1;
        server.Control.Limits.GitLabBare429 = true;
        using var client = TestSandbox.Client(server.GitLab);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync("user", ct);
        using var refused = await client.GetAsync("user", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("Retry later", await refused.Content.ReadAsStringAsync(ct));
        Assert.Null(refused.Header("Retry-After"));
        Assert.DoesNotContain(refused.Headers, h => h.Key.StartsWith("RateLimit-", StringComparison.OrdinalIgnoreCase));
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
