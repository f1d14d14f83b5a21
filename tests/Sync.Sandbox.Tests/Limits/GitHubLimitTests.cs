using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Limits;

public sealed class GitHubLimitTests
{
    [Theory]
    [InlineData(403, true)]
    [InlineData(403, false)]
    [InlineData(429, true)]
    public async Task SecondaryLimit_AnswersConfiguredStatus_WithOrWithoutRetryAfter(int status, bool retryAfter)
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitHubContentCreatesPerMinute = 2;
        server.Control.Limits.GitHubSecondaryStatus = status;
        server.Control.Limits.GitHubSecondaryRetryAfter = retryAfter;
        using var client = TestSandbox.Client(server.GitHub);

        for (var n = 0; n < 2; n++)
        {
            using var ok = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "x" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(15));
        using var limited = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "x" });
        using var read = await client.GetAsync("repos/acme/widget/issues/1", TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)limited.StatusCode);
        Assert.StartsWith("You have exceeded a secondary rate limit", (await limited.Json()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(retryAfter ? "45" : null, limited.Header("retry-after"));
        Assert.NotEqual("0", limited.Header("x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task PrimaryLimitExhausted_Answers403WithRemainingZeroAndReset()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitHubPerHour = 3;
        using var client = TestSandbox.Client(server.GitHub);
        var ct = TestContext.Current.CancellationToken;

        for (var n = 0; n < 3; n++)
        {
            using var ok = await client.GetAsync("user", ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((2 - n).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Header("x-ratelimit-remaining"));
        }

        using var exhausted = await client.GetAsync("user", ct);
        Assert.Equal(HttpStatusCode.Forbidden, exhausted.StatusCode);
        Assert.Equal("0", exhausted.Header("x-ratelimit-remaining"));
        Assert.Equal("3", exhausted.Header("x-ratelimit-used"));
        Assert.Equal("core", exhausted.Header("x-ratelimit-resource"));
        Assert.Equal(TestSandbox.Start.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), exhausted.Header("x-ratelimit-reset"));
        Assert.Equal("API rate limit exceeded for user ID 1.", (await exhausted.Json()).GetProperty("message").GetString());

        time.Advance(TimeSpan.FromHours(1));
        using var reset = await client.GetAsync("user", ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }
}
