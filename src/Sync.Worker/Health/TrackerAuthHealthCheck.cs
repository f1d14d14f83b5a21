using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sync.Core.Trackers;

namespace Sync.Worker.Health;

/// <summary>
/// Ready when one tracker accepts IssueSync's token (<see cref="ITrackerClient.GetCurrentUserAsync"/>). Probes come
/// every few seconds, so the answer is cached: a healthy one for <see cref="HealthyFor"/>, any other for
/// <see cref="NotHealthyFor"/>; concurrent probes share one request. A rejected token (401) is
/// <see cref="HealthStatus.Unhealthy"/>: only an operator can fix it. A tracker that is down, slow or rate-limiting is
/// <see cref="HealthStatus.Degraded"/>, which keeps the worker ready (jobs retry on their own, and taking the worker out
/// of rotation would not bring the tracker back). Descriptions name the tracker and its configuration key, never the token.
/// </summary>
internal sealed class TrackerAuthHealthCheck(string trackerName, ITrackerRegistry trackers, TimeProvider time, ILogger<TrackerAuthHealthCheck> logger) : IHealthCheck
{
    public static readonly TimeSpan HealthyFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan NotHealthyFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Task<Probe>? _probe;

    public string TrackerName => trackerName;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<Probe>? mine = null;
        Task<Probe> probe;
        lock (_lock)
        {
            if (_probe is null || _probe.IsFaulted || (_probe.IsCompletedSuccessfully && _probe.Result.Until <= time.GetUtcNow()))
            {
                mine = new TaskCompletionSource<Probe>(TaskCreationOptions.RunContinuationsAsynchronously);
                _probe = mine.Task;
            }

            probe = _probe;
        }

        if (mine is not null)
        {
            // The request runs on its own timeout, not the caller's token: a cancelled probe must not leave the
            // cache without an answer for the probes waiting on it.
            try
            {
                var result = await ProbeAsync();
                mine.SetResult(new Probe(result, time.GetUtcNow() + (result.Status == HealthStatus.Healthy ? HealthyFor : NotHealthyFor)));
            }
            catch (Exception ex)
            {
                mine.SetException(ex); // not cached: the next probe asks again
                throw;
            }
        }

        return (await probe.WaitAsync(cancellationToken)).Result;
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        HealthCheckResult result;
        try
        {
            await trackers.Get(trackerName).GetCurrentUserAsync(timeout.Token);
            return HealthCheckResult.Healthy($"tracker '{trackerName}' accepts the token");
        }
        catch (TrackerUnauthorizedException)
        {
            result = HealthCheckResult.Unhealthy(
                $"tracker '{trackerName}' rejected the token (401 Unauthorized); check IssueSync:Trackers:{trackerName}:Token");
        }
        catch (OperationCanceledException)
        {
            // Only the probe's own timeout can cancel it (HttpClient reports some timeouts as a plain cancellation).
            result = HealthCheckResult.Degraded($"tracker '{trackerName}' did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: a tracker's message may quote a URL.
            result = HealthCheckResult.Degraded($"tracker '{trackerName}' is unavailable ({ex.GetType().Name})");
        }

        Log.TrackerNotReady(logger, trackerName, result.Status, result.Description ?? string.Empty);
        return result;
    }

    private sealed record Probe(HealthCheckResult Result, DateTimeOffset Until);
}
