using Microsoft.Extensions.Logging.Abstractions;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitLab;
using WireMock.Logging;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers;

/// <summary>
/// Two WireMock servers on loopback, different ports and so different origins: the tracker's API host and another host
/// (object storage, a CDN, anything a redirect may point at), with one tracker registered exactly like production.
/// </summary>
internal sealed class TwoHostFixture : IDisposable
{
    public const string Name = "lab";

    private readonly ServiceProvider _services;

    public TwoHostFixture(TrackerKind kind, string apiPath)
    {
        Tracker = WireMockServer.Start();
        Elsewhere = WireMockServer.Start();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(Name, kind, new Uri(Tracker.Url + apiPath), TrackerFixture.Token, TrackerFixture.FastRetries);
        _services = services.BuildServiceProvider();
    }

    public WireMockServer Tracker { get; }

    public WireMockServer Elsewhere { get; }

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Name);

    /// <summary>The GitLab client with a smaller download cap, built the way the registry builds it.</summary>
    public GitLabTrackerClient GitLabWithCap(long maxDownloadBytes) =>
        new(_services.GetServices<TrackerRegistration>().Single(), _services.GetRequiredService<IHttpClientFactory>(), NullLogger<GitLabTrackerClient>.Instance)
        {
            MaxDownloadBytes = maxDownloadBytes,
        };

    /// <summary>"METHOD /path?query" of every request a server saw, in order, the path as sent (nothing decoded).</summary>
    public static IReadOnlyList<string> Lines(WireMockServer server) =>
        [.. server.LogEntries.Select(e => $"{e.RequestMessage.Method} {new Uri(e.RequestMessage.AbsoluteUrl).PathAndQuery}")];

    public static bool CarriesCredentials(ILogEntry entry) =>
        entry.RequestMessage.Headers?.Keys.Any(k =>
            k.Equals("PRIVATE-TOKEN", StringComparison.OrdinalIgnoreCase) || k.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) == true;

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public void Dispose()
    {
        _services.Dispose();
        Tracker.Stop();
        Tracker.Dispose();
        Elsewhere.Stop();
        Elsewhere.Dispose();
    }
}
