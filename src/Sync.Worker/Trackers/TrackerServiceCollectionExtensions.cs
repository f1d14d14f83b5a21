using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Trackers;

public static class TrackerServiceCollectionExtensions
{
    /// <summary>Shared singletons of the tracker adapters: request counter, metrics, clock, registry.</summary>
    public static IServiceCollection AddTrackerInfrastructure(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestCounter>();
        services.TryAddSingleton<ITrackerRegistry, TrackerRegistry>();
        return services;
    }

    /// <summary>Registers one tracker (call once per configured tracker) with default resilience settings.</summary>
    public static IServiceCollection AddTrackerClient(this IServiceCollection services, string name, TrackerKind kind, Uri apiUrl, string token) =>
        services.AddTrackerClient(name, kind, apiUrl, token, TrackerResilienceOptions.Default);

    /// <summary>
    /// Registers one tracker: a named HttpClient <paramref name="name"/> whose handler chain is
    /// resilience (outermost) → request accounting → authentication, and the tracker's registry entry.
    /// </summary>
    public static IServiceCollection AddTrackerClient(
        this IServiceCollection services,
        string name,
        TrackerKind kind,
        Uri apiUrl,
        string token,
        TrackerResilienceOptions resilience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        services.AddTrackerInfrastructure();
        var apiRoot = TrackerRegistration.NormalizeApiRoot(apiUrl);
        services.AddSingleton(new TrackerRegistration(name, kind, apiRoot));

        // Where requests really go: Octokit talks to the derived GitHub base, GitLab to the root as given.
        var requestRoot = kind == TrackerKind.GitHub ? GitHubBaseAddress.From(apiRoot) : apiRoot;
        services.AddHttpClient(name, client =>
            {
                client.BaseAddress = apiRoot;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IssueSync");
            })
            .AddTrackerResilience(name, requestRoot.AbsolutePath, resilience)
            .AddHttpMessageHandler(sp => new RequestAccountingHandler(name, requestRoot.AbsolutePath, sp.GetRequiredService<RequestCounter>()))
            .AddHttpMessageHandler(() => new TrackerAuthHandler(kind, requestRoot, token));
        return services;
    }
}
