using System.Net;
using Hangfire;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Observability;

/// <summary>/metrics and /readyz of the real worker against the sandbox trackers.</summary>
[Collection(HostCollection.Name)]
public sealed class ObservabilityHostTests
{
    private static readonly string[] Trackers = ["dev", "gitlab", "github"];

    [Fact]
    public async Task Sandbox_MetricsEndpoint_ExposesTrackerJobMoveLabelAndRateLimitMetrics()
    {
        await using var worker = await SandboxWorker.StartAsync();
        await worker.WaitForStartupJobsAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await worker.Http.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);

        foreach (var tracker in Trackers)
        {
            Assert.True(PrometheusText.Sum(text, "issuesync_tracker_requests_total", $"tracker=\"{tracker}\"") > 0, $"no requests to {tracker}:\n{text}");
        }

        // Only GitHub reports its budget on every answer (per resource); GitLab sends RateLimit-* only on a 429 unless its
        // unthrottled-headers feature flag is on (the sandbox's default is off), so a GitLab budget has no series yet.
        Assert.True(PrometheusText.Has(text, "issuesync_tracker_ratelimit_remaining", "tracker=\"github\"", "resource=\"core\""), $"no rate-limit gauge for github:\n{text}");
        Assert.False(PrometheusText.Has(text, "issuesync_tracker_ratelimit_remaining", "tracker=\"dev\""), text);

        Assert.True(PrometheusText.Sum(text, "issuesync_tracker_requests_total", "tracker=\"github\"", "status=\"200\"") > 0, text);
        Assert.True(PrometheusText.Sum(text, "issuesync_job_duration_seconds_count", "product=\"widget\"", "stage=\"all\"", "outcome=\"succeeded\"") >= 1, text);
        Assert.True(PrometheusText.Has(text, "issuesync_job_duration_seconds_bucket", "product=\"widget\"", "le=\"+Inf\""), text);
        Assert.True(PrometheusText.Sum(text, "issuesync_moves_total", "product=\"widget\"", "outcome=\"moved\"") > 0, text);
        Assert.True(PrometheusText.Has(text, "issuesync_moves_total", "product=\"widget\"", "outcome=\"failed\""), text);
        Assert.True(PrometheusText.Sum(text, "issuesync_label_writes_total", "step=\"rice\"") > 0, text);
        Assert.True(PrometheusText.Has(text, "issuesync_label_writes_total", "product=\"widget\"", "step=\"roadmap\""), text);
        Assert.True(PrometheusText.Sum(text, "issuesync_label_writes_total", "product=\"widget\"", "step=\"move\"") > 0, text);
        Assert.False(PrometheusText.Has(text, "issuesync_job_failures_total"), text);

        // Tags are names from configuration and code: never a token, an API URL or a query string.
        foreach (var secret in worker.Tokens())
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
        Assert.DoesNotContain("?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsDisabled_ServesNoScrapeEndpoint()
    {
        await using var worker = await SandboxWorker.StartAsync("--IssueSync:Metrics:Enabled=false");

        using var response = await worker.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MetricsPath_IsConfigurable()
    {
        await using var worker = await SandboxWorker.StartAsync("--IssueSync:Metrics:Path=/internal/metrics");

        using var response = await worker.Http.GetAsync("/internal/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_ChecksEachTrackerOnce_AndCachesTheAnswer()
    {
        await using var worker = await SandboxWorker.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var counter = worker.Host.Services.GetRequiredService<RequestCounter>();

        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/readyz", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/readyz", ct)).StatusCode);

        // The pipeline never asks who it is: every GET /user is a readiness probe, and the second was answered from the cache.
        var counts = counter.Snapshot();
        foreach (var tracker in Trackers)
        {
            Assert.Equal(1, counts.Trackers[tracker].Count("GET", EndpointKinds.User));
        }
    }

    [Fact]
    public async Task Readyz_WithARejectedToken_Is503NamingTheTracker_WhileHealthzStaysUp()
    {
        const string WrongToken = "wrong-token-0123456789";
        await using var worker = await SandboxWorker.StartAsync($"--IssueSync:Trackers:dev:Token={WrongToken}");
        var ct = TestContext.Current.CancellationToken;

        using var ready = await worker.Http.GetAsync("/readyz", ct);
        var body = await ready.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var failing = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Unhealthy", failing[0]);
        Assert.StartsWith("tracker:dev: Unhealthy: tracker 'dev' rejected the token (401 Unauthorized)", Assert.Single(failing[1..]), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongToken, body, StringComparison.Ordinal);
        foreach (var secret in worker.Tokens())
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        using var live = await worker.Http.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
