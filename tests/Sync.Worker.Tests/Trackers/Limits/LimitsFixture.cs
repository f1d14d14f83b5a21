using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// A WireMock server plus a container wired like production, except that <see cref="FakeTimeProvider"/> is
/// registered before <c>AddTrackerClient</c>: every wait (limits gate, pacer, Polly) runs on the fake clock.
/// </summary>
internal sealed class LimitsFixture : IDisposable
{
    public const string Token = "ghp-SECRET-token-value-5678";

    // Timeouts far beyond any fake-clock advance, so advancing never times out a request in flight.
    public static readonly TrackerResilienceOptions NoTransientRetries = new(
        MaxRetryAttempts: 0,
        AttemptTimeout: TimeSpan.FromHours(12),
        TotalTimeout: TimeSpan.FromHours(23));

    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(15);
    private readonly ServiceProvider _services;

    public LimitsFixture(
        string name,
        TrackerKind kind,
        string apiPath,
        Func<TrackerLimitsOptions, TrackerLimitsOptions>? limits = null,
        TrackerResilienceOptions? resilience = null)
    {
        Server = WireMockServer.Start();
        Name = name;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddTrackerInfrastructure();
        var options = TrackerLimitsOptions.ForKind(kind);
        services.AddTrackerClient(name, kind, new Uri(Server.Url + apiPath), Token, resilience ?? NoTransientRetries, limits?.Invoke(options) ?? options);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    public WireMockServer Server { get; }

    public string Name { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ITrackerClient Client => _services.GetRequiredService<ITrackerRegistry>().Get(Name);

    public HttpClient Http => _services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);

    public TrackerLimiter Limiter => _services.GetRequiredKeyedService<TrackerLimiter>(Name);

    public int RequestCount => Server.LogEntries.Count;

    public int LimitResponses => Server.LogEntries.Count(e => e.ResponseMessage.StatusCode is 403 or 429);

    /// <summary>Epoch seconds <paramref name="after"/> from the fake now, as the reset headers carry them.</summary>
    public string ResetIn(TimeSpan after) =>
        (Time.GetUtcNow() + after).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls (real time, bounded) until <paramref name="condition"/> holds; a safety net, not a timing.</summary>
    public static async Task Until(Func<bool> condition)
    {
        // Real time on purpose: the fake clock only moves when a test advances it.
        using var safetyNet = new CancellationTokenSource(SafetyNet);
        while (!condition())
        {
            await Task.Delay(10, safetyNet.Token);
        }
    }

    /// <summary>Awaits a pending call with a real bound, only as a safety net against a hang.</summary>
    public static Task<T> Done<T>(Task<T> task) => task.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
