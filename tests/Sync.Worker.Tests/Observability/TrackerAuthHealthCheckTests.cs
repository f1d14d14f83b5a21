using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Worker.Health;

namespace Sync.Worker.Tests.Observability;

public sealed class TrackerAuthHealthCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly UserProbeTracker _tracker = new("dev");

    private TrackerAuthHealthCheck Check() => new("dev", _tracker, _time, NullLogger<TrackerAuthHealthCheck>.Instance);

    private static Task<HealthCheckResult> ProbeAsync(TrackerAuthHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Healthy_IsCachedForFiveMinutes_SoFrequentProbesMakeOneRequest()
    {
        var check = Check();

        Assert.Equal(HealthStatus.Healthy, (await ProbeAsync(check)).Status);
        Assert.Equal(HealthStatus.Healthy, (await ProbeAsync(check)).Status);
        _time.Advance(TrackerAuthHealthCheck.HealthyFor - TimeSpan.FromSeconds(1));
        await ProbeAsync(check);
        Assert.Equal(1, _tracker.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeAsync(check);
        Assert.Equal(2, _tracker.Calls);
    }

    [Fact]
    public async Task RejectedToken_IsUnhealthy_NamesTrackerAndKeyNotToken_AndIsRetriedAfterThirtySeconds()
    {
        _tracker.Answer = _ => Task.FromException<TrackerUser>(new TrackerUnauthorizedException("dev"));
        var check = Check();

        var result = await ProbeAsync(check);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("'dev'", result.Description, StringComparison.Ordinal);
        Assert.Contains("IssueSync:Trackers:dev:Token", result.Description, StringComparison.Ordinal);
        Assert.Null(result.Exception);

        _time.Advance(TrackerAuthHealthCheck.NotHealthyFor - TimeSpan.FromSeconds(1));
        await ProbeAsync(check);
        Assert.Equal(1, _tracker.Calls);

        _tracker.Answer = _ => Task.FromResult(new TrackerUser("issuesync-bot", 1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Healthy, (await ProbeAsync(check)).Status);
        Assert.Equal(2, _tracker.Calls);
    }

    [Fact]
    public async Task UnavailableTracker_IsDegraded_WithoutTheTrackersMessage()
    {
        _tracker.Answer = _ => Task.FromException<TrackerUser>(new TrackerUnavailableException("dev", "503 from https://gitlab.example/api/v4/user?private_token=secret"));

        var result = await ProbeAsync(Check());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("tracker 'dev' is unavailable (TrackerUnavailableException)", result.Description);
    }

    [Fact]
    public async Task SlowTracker_IsDegradedAfterTheTimeout()
    {
        _tracker.Answer = async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new TrackerUser("never", 0);
        };

        var probe = ProbeAsync(Check());
        _time.Advance(TrackerAuthHealthCheck.Timeout);
        var result = await probe.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("did not answer", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentProbes_ShareOneRequest()
    {
        var answer = new TaskCompletionSource<TrackerUser>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tracker.Answer = _ => answer.Task;
        var check = Check();

        var probes = Enumerable.Range(0, 5).Select(_ => ProbeAsync(check)).ToArray();
        answer.SetResult(new TrackerUser("issuesync-bot", 1));
        var results = await Task.WhenAll(probes);

        Assert.All(results, r => Assert.Equal(HealthStatus.Healthy, r.Status));
        Assert.Equal(1, _tracker.Calls);
    }
}
