using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Health;

/// <summary>
/// Degraded while a tracker client has noticed a configuration problem only an operator can fix
/// (<see cref="ITrackerConfigurationProblems"/>: a GitHub token without push access that makes GitHub drop labels).
/// Degraded, not Unhealthy: the work still gets done, only less of it, so the worker stays ready. No request is made.
/// </summary>
internal sealed class TrackerConfigurationHealthCheck(string trackerName, ITrackerRegistry trackers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(trackers.Get(trackerName) is ITrackerConfigurationProblems { ConfigurationProblems: { Count: > 0 } problems }
            ? HealthCheckResult.Degraded(string.Join(" | ", problems))
            : HealthCheckResult.Healthy($"tracker '{trackerName}' reports no configuration problem"));
}
