using Hangfire;
using Microsoft.Extensions.Configuration;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Observability;

/// <summary>The real worker in service mode with <c>--sandbox</c> on free ports, stopped on dispose.</summary>
internal sealed class SandboxWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private SandboxWorker(CancellationTokenSource stop, Task<int> run, WebApplication host, HttpClient http)
    {
        _stop = stop;
        _run = run;
        Host = host;
        Http = http;
    }

    public WebApplication Host { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxWorker> StartAsync(params string[] extraArgs)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new InProcessApp();
        string[] args = ["--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("o.db")}", .. extraArgs];
        var run = app.RunAsync(args, started.SetResult, stop.Token);
        var host = await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var baseUrl = app.Output.ToString().Split('\n').First(l => l.StartsWith("IssueSync dashboard:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal);
        return new SandboxWorker(stop, run, host, new HttpClient { BaseAddress = new Uri(baseUrl) });
    }

    /// <summary>The tokens the worker was configured with.</summary>
    public IEnumerable<string> Tokens() =>
        Host.Configuration.GetSection("IssueSync:Trackers").GetChildren().Select(t => t["Token"]).OfType<string>();

    /// <summary>Waits until the full run the sandbox demo enqueues for each product at start has succeeded.</summary>
    public async Task WaitForStartupJobsAsync()
    {
        var monitoring = Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // Two succeeded jobs are not enough on their own: a second run of a product that found the first holding its
        // lease ends at once as "busy" (and counts as succeeded) while the first is still processing.
        while ((monitoring.SucceededListCount() < 2 || monitoring.ProcessingCount() > 0) && monitoring.FailedCount() == 0
            && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var failed = monitoring.FailedJobs(0, 10).Select(j => j.Value.ExceptionMessage);
        Assert.True(monitoring.SucceededListCount() >= 2, $"startup jobs did not succeed; failed: {string.Join(" | ", failed)}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _stop.CancelAsync();
        Assert.Equal(0, await _run.WaitAsync(TimeSpan.FromSeconds(30)));
        _stop.Dispose();
    }
}
