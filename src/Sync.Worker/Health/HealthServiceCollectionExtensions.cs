using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sync.Core.Trackers;

namespace Sync.Worker.Health;

internal static class HealthServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>
/// Readiness checks: the state store, and per registered tracker one authentication check (<c>tracker:&lt;name&gt;</c>)
/// and one for configuration problems its client noticed while working (<c>tracker-config:&lt;name&gt;</c>).
/// </summary>
    public static IServiceCollection AddIssueSyncHealthChecks(this IServiceCollection services, IEnumerable<string> trackerNames)
    {
        var checks = services.AddHealthChecks().AddCheck<StateStoreHealthCheck>("storage", tags: [ReadyTag]);
        foreach (var name in trackerNames)
        {
            // A singleton per tracker, so its cached answer outlives one health report.
            services.AddKeyedSingleton(name, (sp, _) => new TrackerAuthHealthCheck(
                name,
                sp.GetRequiredService<ITrackerRegistry>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<TrackerAuthHealthCheck>>()));
            checks.Add(new HealthCheckRegistration(
                $"tracker:{name}",
                sp => sp.GetRequiredKeyedService<TrackerAuthHealthCheck>(name),
                failureStatus: null,
                tags: [ReadyTag]));
            checks.Add(new HealthCheckRegistration(
                $"tracker-config:{name}",
                sp => new TrackerConfigurationHealthCheck(name, sp.GetRequiredService<ITrackerRegistry>()),
                failureStatus: null,
                tags: [ReadyTag]));
        }

        return services;
    }
}
