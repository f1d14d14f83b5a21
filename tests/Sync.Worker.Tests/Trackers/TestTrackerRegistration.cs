using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers;

/// <summary>
/// Registration shortcuts only tests use (moved out of <c>TrackerServiceCollectionExtensions</c>: the worker always
/// registers a tracker with limits bound from its configuration). Here the resilience options' retry count also
/// governs limit responses, and a limit wait longer than <see cref="MaxLimitWait"/> fails at once, as these tests
/// were written against.
/// </summary>
internal static class TestTrackerRegistration
{
    /// <summary>The longest limit wait a test tracker accepts (<see cref="TrackerFixture.FastRetries"/>' value).</summary>
    public static readonly TimeSpan MaxLimitWait = TimeSpan.FromSeconds(5);

    /// <summary>One tracker with the default resilience settings and its kind's default limits.</summary>
    public static IServiceCollection AddTrackerClient(this IServiceCollection services, string name, TrackerKind kind, Uri apiUrl, string token) =>
        services.AddTrackerClient(name, kind, apiUrl, token, TrackerResilienceOptions.Default, TrackerLimitsOptions.ForKind(kind));

    /// <summary>One tracker with its kind's default limits, retried on limit answers as often as <paramref name="resilience"/> says.</summary>
    public static IServiceCollection AddTrackerClient(this IServiceCollection services, string name, TrackerKind kind, Uri apiUrl, string token, TrackerResilienceOptions resilience) =>
        services.AddTrackerClient(name, kind, apiUrl, token, resilience, LimitsFor(kind, resilience));

    /// <summary>The kind's default limits with <paramref name="resilience"/>'s retry count and <see cref="MaxLimitWait"/>.</summary>
    public static TrackerLimitsOptions LimitsFor(TrackerKind kind, TrackerResilienceOptions resilience) => TrackerLimitsOptions.ForKind(kind) with
    {
        MaxLimitRetries = resilience.MaxRetryAttempts,
        MaxWait = MaxLimitWait,
    };
}
