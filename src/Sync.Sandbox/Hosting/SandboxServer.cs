using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sync.Sandbox.Discourse;
using Sync.Sandbox.GitHub;
using Sync.Sandbox.GitLab;
using Sync.Sandbox.Hosting;
using Sync.Sandbox.Pipeline;
using Sync.Sandbox.Seeding;
using Sync.Sandbox.Web;

namespace Sync.Sandbox;

/// <summary>Kestrel on 127.0.0.1 serving the three emulated trackers plus the /_sandbox admin endpoints.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private SandboxServer(WebApplication app, CancellationTokenSource stopping, SandboxInstance gitLabDev, SandboxInstance gitLab, SandboxInstance gitHub,
        SandboxControl control, SandboxStats stats, SandboxRequestLog requests, TimeSpan loadTime, Uri baseAddress)
    {
        _app = app;
        _stopping = stopping;
        GitLabDev = gitLabDev;
        GitLab = gitLab;
        GitHub = gitHub;
        Control = control;
        Stats = stats;
        Requests = requests;
        LoadTime = loadTime;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public SandboxInstance GitLabDev { get; }
    public SandboxInstance GitLab { get; }
    public SandboxInstance GitHub { get; }

    /// <summary>The emulated Discourse forum with the topic voting plugin, at <c>/discourse/</c> (instance name "discourse").</summary>
    public required SandboxDiscourse Discourse { get; init; }
    public SandboxControl Control { get; }
    public SandboxStats Stats { get; }

    /// <summary>The demo seed's hand-made issues (a planned one, a sensitive one, a failing move, a duplicate pair...).</summary>
    public required SandboxDemoIssues DemoIssues { get; init; }

    /// <summary>What the trackers were sent (every request other than GET), for leak checks in tests.</summary>
    public SandboxRequestLog Requests { get; }
    public TimeSpan LoadTime { get; }

    public IReadOnlyList<SandboxInstance> Instances => [GitLabDev, GitLab, GitHub];

    /// <summary>
    /// Every route mapped, as "METHOD /route/template" (e.g. "GET /gitlab-dev/api/v4/projects/{id}/issues"), so tests can
    /// check that each tracker route has its published response schema.
    /// </summary>
    public IReadOnlyList<string> Routes =>
    [
        .. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}")),
    ];

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        var time = options.Time ?? TimeProvider.System;
        var clock = Stopwatch.StartNew();
        var gitLabDev = new SandboxInstance("gitlab-dev", TrackerKinds.GitLab, "sandbox-gitlab-dev-token", time, 10_000);
        var gitLab = new SandboxInstance("gitlab", TrackerKinds.GitLab, "sandbox-gitlab-token", time, 5_000_000);
        var gitHub = new SandboxInstance("github", TrackerKinds.GitHub, "sandbox-github-token", time, 90_000_000);
        // Seeded data is anchored to the start of the UTC day, so sandboxes started on the same day serve the same
        // timestamps and a stored sync cursor stays meaningful across restarts of the demo.
        var now = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var demoIssues = new DemoSeeder(options.RandomSeed, now).Seed(gitLabDev, gitLab, gitHub);
        var discourse = new SandboxDiscourse(new SandboxInstance("discourse", TrackerKinds.Discourse, "sandbox-discourse-key", time, 0));
        DiscourseDemoSeed.Seed(discourse, now);
        if (options.IssuesPerProject > 0)
        {
            // Independent instances: generate in parallel to keep start-up short on 2 cores.
            await Task.WhenAll(new[] { gitLabDev, gitLab, gitHub }.Select(i => Task.Run(() => BulkGenerator.Generate(i, options.IssuesPerProject, now), cancellationToken)));
        }

        var loadTime = clock.Elapsed;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var control = new SandboxControl(options.EnforceRateLimits);
        var stats = new SandboxStats(control.Limits);
        var requests = new SandboxRequestLog(options.RequestLogCapacity);
        var host = new SandboxHostContext(stats, requests, control, options.AdminToken, stopping.Token);
        app.MapGitLab(host, gitLabDev);
        app.MapGitLab(host, gitLab);
        app.MapGitHub(host, gitHub);
        app.MapDiscourse(host, discourse);
        app.MapAdmin(host);
        app.MapAdminDiscourse(host, discourse);
        app.MapAdminTrackers(host, [gitLabDev, gitLab, gitHub]);
        app.MapAdminDiscussions(host, [gitLabDev, gitLab, gitHub]);
        foreach (var instance in new[] { gitLabDev, gitLab, gitHub })
        {
            app.MapWebViews(instance);
        }

        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        foreach (var instance in new[] { gitLabDev, gitLab, gitHub, discourse.Instance })
        {
            instance.Bind(baseAddress);
        }

        return new SandboxServer(app, stopping, gitLabDev, gitLab, gitHub, control, stats, requests, loadTime, baseAddress) { DemoIssues = demoIssues, Discourse = discourse };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
