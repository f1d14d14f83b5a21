using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers;

public static class TrackerServiceCollectionExtensions
{
    /// <summary>Shared singletons of the tracker adapters: request counter, rate-limit gauge, metrics, clock, registry, GitHub project boards.</summary>
    public static IServiceCollection AddTrackerInfrastructure(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestCounter>();
        services.TryAddSingleton<RateLimitGauge>();
        services.TryAddSingleton<ITrackerRegistry, TrackerRegistry>();
        services.TryAddSingleton<IProjectBoards, GitHubProjectBoards>();
        return services;
    }

    /// <summary>Registers one tracker (call once per configured tracker) with default resilience settings and limits.</summary>
    public static IServiceCollection AddTrackerClient(this IServiceCollection services, string name, TrackerKind kind, Uri apiUrl, string token) =>
        services.AddTrackerClient(name, kind, apiUrl, token, TrackerResilienceOptions.Default, TrackerLimitsOptions.ForKind(kind));

    /// <summary>Registers one tracker with the default limits of its kind (retry count and max wait from <paramref name="resilience"/>).</summary>
    public static IServiceCollection AddTrackerClient(
        this IServiceCollection services,
        string name,
        TrackerKind kind,
        Uri apiUrl,
        string token,
        TrackerResilienceOptions resilience) =>
        services.AddTrackerClient(name, kind, apiUrl, token, resilience, TrackerLimitsOptions.ForKind(kind, resilience));

    /// <summary>
    /// Registers one tracker: its limit state (a keyed <see cref="TrackerLimiter"/>), a named HttpClient
    /// <paramref name="name"/> whose handler chain is limit retry (outermost) → limits gate → resilience (total
    /// timeout → transient retry → attempt timeout) → request accounting → authentication, and the registry entry.
    /// Register <see cref="TimeProvider"/> first to replace the system clock (tests: FakeTimeProvider).
    /// </summary>
    public static IServiceCollection AddTrackerClient(
        this IServiceCollection services,
        string name,
        TrackerKind kind,
        Uri apiUrl,
        string token,
        TrackerResilienceOptions resilience,
        TrackerLimitsOptions limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        services.AddTrackerInfrastructure();
        var apiRoot = TrackerRegistration.NormalizeApiRoot(apiUrl);
        services.AddSingleton(new TrackerRegistration(name, kind, apiRoot));

        // Where requests really go: Octokit talks to the derived GitHub base, GitLab to the root as given.
        var requestRoot = kind == TrackerKind.GitHub ? GitHubBaseAddress.From(apiRoot) : apiRoot;
        limits.Validate(name);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var limiter = new TrackerLimiter(
                name,
                kind,
                requestRoot.AbsolutePath,
                limits,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<TrackerLimiter>());
            sp.GetRequiredService<RateLimitGauge>().Track(limiter);
            return limiter;
        });
        services.AddHttpClient(name, client =>
            {
                client.BaseAddress = apiRoot;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IssueSync");
            })
            .AddTrackerLimitRetry(name, requestRoot.AbsolutePath, limits)
            .AddHttpMessageHandler(sp => new TrackerLimitsHandler(sp.GetRequiredKeyedService<TrackerLimiter>(name)))
            .AddTrackerResilience(name, requestRoot.AbsolutePath, resilience)
            .AddHttpMessageHandler(sp => new RequestAccountingHandler(name, requestRoot.AbsolutePath, sp.GetRequiredService<RequestCounter>()))
            .AddHttpMessageHandler(() => new TrackerAuthHandler(kind, requestRoot, token));
        return services;
    }
}
