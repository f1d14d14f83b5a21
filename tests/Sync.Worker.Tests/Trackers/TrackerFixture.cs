using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers;

/// <summary>A WireMock server on loopback plus a container wired exactly like production, with tiny delays.</summary>
internal sealed class TrackerFixture : IDisposable
{
    public const string Token = "glpat-SECRET-token-value-1234";

    public static readonly TrackerResilienceOptions FastRetries = new(
        MaxRetryAttempts: 2,
        BaseDelay: TimeSpan.FromMilliseconds(1),
        MaxDelay: TimeSpan.FromMilliseconds(5),
        AttemptTimeout: TimeSpan.FromSeconds(5),
        TotalTimeout: TimeSpan.FromSeconds(20));

    private readonly ServiceProvider _services;

    public TrackerFixture(string name, TrackerKind kind, string apiPath, TrackerResilienceOptions? resilience = null)
    {
        Server = WireMockServer.Start();
        Name = name;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(name, kind, new Uri(Server.Url + apiPath), Token, resilience ?? FastRetries);
        _services = services.BuildServiceProvider();
    }

    public WireMockServer Server { get; }

    public string Name { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Name);

    public RequestCounter Counter => _services.GetRequiredService<RequestCounter>();

    public int RequestCount => Server.LogEntries.Count;

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
