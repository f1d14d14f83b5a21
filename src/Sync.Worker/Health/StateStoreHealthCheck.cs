using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sync.Core.Storage;

namespace Sync.Worker.Health;

/// <summary>Ready when IssueSync's state store answers.</summary>
internal sealed class StateStoreHealthCheck(IStateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy("state store reachable")
                : HealthCheckResult.Unhealthy("state store did not answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"state store unreachable: {ex.GetType().Name}");
        }
    }
}
