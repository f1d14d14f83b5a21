using System.Collections.Frozen;
using Sync.Core.Storage;
using Sync.Core.Trackers;

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
        // Optional too: where a forum keeps what it must remember (CSV imports, a Discourse topic's voters before closing).
        var documents = services.GetService(typeof(IDocumentStore)) as IDocumentStore;
        var all = registrations.ToList();
        var clientServices = new TrackerClientServices(httpClientFactory, handlerFactory, loggerFactory, time, cursorStore, documents, all);
        var clients = new Dictionary<string, ITrackerClient>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in all)
        {
            var client = registration.Dialect.CreateClient(registration, clientServices);
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
