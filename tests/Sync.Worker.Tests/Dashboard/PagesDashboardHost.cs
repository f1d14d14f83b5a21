using Sync.Core.Storage;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>
/// The demo's worker with dashboard users and a webhook secret (one more configured secret the pages must never show). Its
/// start-up run of every product is awaited once, so the pages have the demo's real moves, audit entries and demand, and
/// nothing else runs by itself (yearly schedules) while a test seeds its own rows.
/// </summary>
public class PagesDashboardHost : DashboardHost
{
    public const string WebhookSecret = "gitlab-webhook-secret-0123456789";

    public PagesDashboardHost()
        : this([])
    {
    }

    /// <param name="extra">More command-line arguments for the demo (for example its failing move switched on).</param>
    protected PagesDashboardHost(string[] extra)
        : base(
        [.. ProtectedDashboardHost.YearlySchedules,
        $"--IssueSync:Dashboard:Users:0:Name={ProtectedDashboardHost.User}",
        $"--IssueSync:Dashboard:Users:0:PasswordHash={ProtectedDashboardHost.AliceHash}",
        $"--IssueSync:Webhooks:GitLabSecret={WebhookSecret}",
        .. extra])
    {
    }

    private readonly SemaphoreSlim startup = new(1, 1);
    private bool started;

    internal IStateStore Store => Host.Services.GetRequiredService<IStateStore>();

    public DateTimeOffset Now => Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public HttpClient SignedIn() => Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);

    /// <summary>A headless Chromium session signed in to the dashboard as its user.</summary>
    internal async Task<ChromiumSession> BrowserAsync(CancellationToken cancellationToken)
    {
        var profile = Path.Combine(Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!, "profile");
        var browser = await ChromiumSession.StartAsync(profile, cancellationToken);
        await browser.SetBasicAuthAsync(ProtectedDashboardHost.User, ProtectedDashboardHost.Password, cancellationToken);
        return browser;
    }

    /// <summary>Waits until the demo's start-up runs (one per product) have finished.</summary>
    public async Task WaitForStartupRunsAsync(CancellationToken cancellationToken)
    {
        await startup.WaitAsync(cancellationToken);
        try
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!started)
            {
                var s = Monitoring.GetStatistics();
                started = s.Succeeded + s.Failed >= 2 && s.Enqueued == 0 && s.Processing == 0;
                if (!started)
                {
                    Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "the demo's start-up runs did not finish within 3 minutes");
                    await Task.Delay(250, cancellationToken);
                }
            }
        }
        finally
        {
            startup.Release();
        }
    }
}
