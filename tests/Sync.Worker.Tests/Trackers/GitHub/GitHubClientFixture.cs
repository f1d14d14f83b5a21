using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitHub;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// The production handler chain (resilience → accounting → auth) for one GitHub tracker, with the client built
/// around a cursor store, as the host will once the registry passes its <see cref="ICursorStore"/>.
/// </summary>
internal sealed class GitHubClientFixture : IDisposable
{
    public const string Token = "ghp_SECRET-token-value-1234";

    private readonly ServiceProvider _services;

    public GitHubClientFixture(Uri apiUrl, string name = "hub", ICursorStore? store = null, string token = Token, ILogger<GitHubTrackerClient>? logger = null)
    {
        Store = store ?? new InMemoryCursorStore();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(name, TrackerKind.GitHub, apiUrl, token, TrackerFixture.FastRetries);
        _services = services.BuildServiceProvider();
        var registration = _services.GetServices<TrackerRegistration>().Single();
        Client = new GitHubTrackerClient(
            registration,
            _services.GetRequiredService<IHttpMessageHandlerFactory>(),
            logger ?? NullLogger<GitHubTrackerClient>.Instance,
            Store,
            TimeProvider.System);
    }

    public GitHubTrackerClient Client { get; }

    public ICursorStore Store { get; }

    public RequestCounter Counter => _services.GetRequiredService<RequestCounter>();

    public static GitHubClientFixture ForWireMock(WireMockServer server, string root) => new(new Uri(server.Url + root));

    public void Dispose() => _services.Dispose();
}
