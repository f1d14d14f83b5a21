using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// GitLab as it answers without the unthrottled-headers feature flag: no <c>RateLimit-*</c> until a 429. The client
/// paces itself by the configured requests per minute, and waits for the end of the throttle window on a bare 429.
/// Real HTTP to the sandbox; the sandbox and every wait of the client run on one fake clock.
/// </summary>
public sealed class HeaderlessGitLabTests : IAsyncDisposable
{
    // A whole minute since the epoch, like GitLab's throttle windows.
    private static readonly DateTimeOffset Minute = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Minute);
    private SandboxServer? _sandbox;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SandboxServer Sandbox => _sandbox!;

    private TrackerLimiter Limiter => _services!.GetRequiredKeyedService<TrackerLimiter>("lab");

    private ITrackerClient Client => _services!.GetRequiredService<ITrackerRegistry>().Get("lab");

    private long Sent => Sandbox.Stats.Snapshot().ForInstance(Sandbox.GitLab.Name);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private async Task StartAsync(int sandboxPerMinute, bool bare429, Func<TrackerLimitsOptions, TrackerLimitsOptions> limits, bool headersFlag = false)
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = _time }, Ct);
        _sandbox.Control.Limits.GitLabPerMinute = sandboxPerMinute;
        _sandbox.Control.Limits.GitLabBare429 = bare429;
        _sandbox.Control.Limits.GitLabHeadersOnUnthrottled = headersFlag;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddTrackerInfrastructure();
        services.AddTrackerClient("lab", TrackerKind.GitLab, _sandbox.GitLab.ApiUrl, _sandbox.GitLab.Token, LimitsFixture.NoTransientRetries,
            limits(TrackerLimitsOptions.ForKind(TrackerKind.GitLab)));
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task HeaderlessGitLab_PacesUnderTheConfiguredRequestsPerMinute_FiveAMinuteAndNo429()
    {
        // The tracker refuses a 6th request in a minute and says nothing before it does.
        await StartAsync(sandboxPerMinute: 5, bare429: false, l => l with { RequestsPerMinute = 5 });

        var run = Task.Run(async () =>
        {
            for (var n = 0; n < 12; n++)
            {
                await Client.GetCurrentUserAsync(Ct);
            }
        }, Ct);

        await LimitsFixture.Until(() => Limiter.Requests.PendingWaits == 1);
        Assert.Equal(5, Sent);
        _time.Advance(TimeSpan.FromSeconds(59));
        await LimitsFixture.Until(() => Limiter.Requests.PendingWaits == 1);
        Assert.Equal(5, Sent);

        _time.Advance(TimeSpan.FromSeconds(1));
        await LimitsFixture.Until(() => Sent == 10 && Limiter.Requests.PendingWaits == 1);
        _time.Advance(TimeSpan.FromSeconds(60));
        await run.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        // 5 + 5 + 2 requests in three minutes, each answered 200: no 429, no retry.
        Assert.Equal(12, Sent);
    }

    [Fact]
    public async Task Bare429_IsRetriedOnceWhenTheThrottleWindowEnds_AndSucceeds()
    {
        // Pacing off, so the tracker's own limit is met: a 429 with neither RateLimit-* nor Retry-After.
        await StartAsync(sandboxPerMinute: 2, bare429: true, l => l with { RequestsPerMinute = 0 });
        _time.Advance(TimeSpan.FromSeconds(30));
        await Client.GetCurrentUserAsync(Ct);
        await Client.GetCurrentUserAsync(Ct);

        var third = Client.GetCurrentUserAsync(Ct);
        await LimitsFixture.Until(() => Limiter.PendingWaits == 1);
        Assert.Equal(3, Sent);

        // Not before the window GitLab counts in ends (12:01:00), at most the jitter (5 s) after it.
        _time.Advance(TimeSpan.FromSeconds(29));
        await LimitsFixture.Until(() => Limiter.PendingWaits == 1);
        Assert.Equal(3, Sent);
        _time.Advance(TimeSpan.FromSeconds(6));
        var user = await LimitsFixture.Done(third);

        Assert.False(string.IsNullOrEmpty(user.Username));
        Assert.Equal(4, Sent);
    }

    [Fact]
    public async Task GitLabWithTheHeadersFlagOn_PausesAtTheReserveTheHeadersShow_WithoutA429()
    {
        // The other way GitLab can answer: RateLimit-* on every answer. Client pacing off, so only the headers pace.
        await StartAsync(sandboxPerMinute: 5, bare429: false, l => l with { RequestsPerMinute = 0 }, headersFlag: true);
        for (var n = 0; n < 4; n++)
        {
            await Client.GetCurrentUserAsync(Ct);
        }

        // 1 left is the reserve (1 % of 5, at least 1): the fifth waits for the window's reset at 12:01:00.
        var fifth = Client.GetCurrentUserAsync(Ct);
        await LimitsFixture.Until(() => Limiter.PendingWaits == 1);
        Assert.Equal(4, Sent);
        Assert.Equal(1, Limiter.RemainingBudgets["api"]);

        _time.Advance(TimeSpan.FromSeconds(60));
        await LimitsFixture.Done(fifth);

        Assert.Equal(5, Sent);
    }
}
