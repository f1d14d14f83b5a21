using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers;

internal static class TrackerServiceCollectionExtensions
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

    /// <summary>
    /// Registers one tracker: its limit state (a keyed <see cref="TrackerLimiter"/>, whose write pacing is shared
    /// per token with other replicas when <see cref="ISharedWriteBudgets"/> is registered), a named HttpClient
    /// <paramref name="name"/> whose handler chain is limit retry (outermost) → limits gate → resilience (total
    /// timeout → transient retry → attempt timeout) → request accounting → authentication, and the registry entry.
    /// Neither that client nor the credential-free one named <see cref="TrackerRegistration.UnauthenticatedClientName"/>
    /// follows redirects: the primary handler sits below <see cref="TrackerAuthHandler"/> and would resend the
    /// <c>PRIVATE-TOKEN</c> header to any host (.NET drops only <c>Authorization</c>). Octokit follows GitHub's
    /// redirects itself, back through the whole chain, so the auth handler decides per origin.
    /// Register <see cref="TimeProvider"/> first to replace the system clock (tests: FakeTimeProvider).
    /// <paramref name="username"/> is the account a Discourse key acts as (<c>Api-Username</c>); only the auth handler holds it.
    /// </summary>
    public static IServiceCollection AddTrackerClient(
        this IServiceCollection services,
        string name,
        TrackerKind kind,
        Uri apiUrl,
        string token,
        TrackerResilienceOptions resilience,
        TrackerLimitsOptions limits,
        string? username = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        services.AddTrackerInfrastructure();
        var apiRoot = TrackerRegistration.NormalizeApiRoot(apiUrl);
        var registration = new TrackerRegistration(name, kind, apiRoot);
        services.AddSingleton(registration);

        // Where requests really go: Octokit talks to the derived GitHub base, GitLab to the root as given.
        var dialect = registration.Dialect;
        var requestRoot = dialect.RequestRoot(apiRoot);
        limits.Validate(name);
        var tokenKey = TokenKey.Of(token);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // Replicas on one database pace against one budget per token; a single process keeps it in memory.
            var limiter = new TrackerLimiter(
                name,
                kind,
                requestRoot.AbsolutePath,
                limits,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<TrackerLimiter>(),
                sp.GetService<ISharedWriteBudgets>()?.For(name, tokenKey));
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
            .AddHttpMessageHandler(() => new TrackerAuthHandler(dialect, requestRoot, token, username))
            .ConfigurePrimaryHttpMessageHandler(DisableAutoRedirect);
        services.AddHttpClient(registration.UnauthenticatedClientName, client =>
            {
                client.Timeout = resilience.EffectiveTotalTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IssueSync");
            })
            .ConfigurePrimaryHttpMessageHandler(DisableAutoRedirect);
        return services;
    }

    /// <summary>Turns off redirects on whatever primary handler the factory built, keeping its other settings.</summary>
    private static void DisableAutoRedirect(HttpMessageHandler handler, IServiceProvider services)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
            default:
                // Fail at the first request rather than send a token along a redirect nobody checked.
                throw new InvalidOperationException(
                    $"Tracker HttpClients need a primary handler whose redirects can be turned off; got {handler.GetType().Name}");
        }
    }
}
