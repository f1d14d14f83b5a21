using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Trackers;

/// <summary>Resolves the client of each tracker registered with <c>AddTrackerClient</c>; names ignore case.</summary>
internal sealed class TrackerRegistry : ITrackerRegistry
{
    private readonly FrozenDictionary<string, ITrackerClient> _clients;

    public TrackerRegistry(
        IEnumerable<TrackerRegistration> registrations,
        IHttpClientFactory httpClientFactory,
        IHttpMessageHandlerFactory handlerFactory,
        ILoggerFactory loggerFactory,
        TimeProvider time,
        IServiceProvider services)
    {
        // Optional: where GitHub's ETags for incremental listings are kept (the host registers its state store).
        var cursorStore = services.GetService(typeof(ICursorStore)) as ICursorStore;
        var clients = new Dictionary<string, ITrackerClient>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in registrations)
        {
            ITrackerClient client = registration.Kind switch
            {
                TrackerKind.GitLab => new GitLabTrackerClient(registration, httpClientFactory, loggerFactory.CreateLogger<GitLabTrackerClient>()),
                TrackerKind.GitHub => new GitHubTrackerClient(registration, handlerFactory, loggerFactory.CreateLogger<GitHubTrackerClient>(), cursorStore, time),
                _ => throw new InvalidOperationException($"Tracker '{registration.Name}' has unsupported kind {registration.Kind}"),
            };
            if (!clients.TryAdd(registration.Name, client))
            {
                throw new InvalidOperationException($"Tracker '{registration.Name}' is registered more than once");
            }
        }

        _clients = clients.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _clients.Keys;

    public ITrackerClient Get(string name) =>
        _clients.TryGetValue(name, out var client)
            ? client
            : throw new KeyNotFoundException($"No tracker named '{name}' is configured (known: {string.Join(", ", _clients.Keys)})");
}
