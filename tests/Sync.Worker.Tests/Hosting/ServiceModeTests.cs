using System.Net;
using Hangfire;
using Hangfire.Storage;

namespace Sync.Worker.Tests.Hosting;

/// <summary>The real worker (Kestrel, Hangfire server and dashboard) against the sandbox, as the README demo runs it.</summary>
[Collection(HostCollection.Name)]
public sealed class ServiceModeTests
{
    [Fact]
    public async Task Sandbox_ServesDashboardHealthAndRunsTheRecurringJobs()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new InProcessApp();
        var run = app.RunAsync(
            ["--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}"],
            started.SetResult,
            stop.Token);

        var host = await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var baseUrl = app.Output.ToString().Split('\n').First(l => l.StartsWith("IssueSync dashboard:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz", ct)).StatusCode);
        var recurring = await http.GetStringAsync("/hangfire/recurring", ct);
        foreach (var id in new[] { "move", "votes", "rice", "roadmap" }.SelectMany(stage => new[] { $"product:widget:{stage}", $"product:gadget:{stage}" }))
        {
            Assert.Contains(id, recurring, StringComparison.Ordinal);
        }

        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitoring.SucceededListCount() < 2 && monitoring.FailedCount() == 0 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200, ct);
        }

        var failed = monitoring.FailedJobs(0, 10).Select(j => j.Value.ExceptionMessage);
        Assert.Equal(0, monitoring.FailedCount());
        Assert.True(monitoring.SucceededListCount() >= 2, $"jobs did not finish; failed: {string.Join(" | ", failed)}");

        // "Trigger now" on the dashboard's recurring jobs page runs the roadmap rebuild (votes, RICE, roadmap).
        var succeeded = monitoring.SucceededListCount();
        using var trigger = await http.PostAsync(
            "/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "product:gadget:roadmap")]), ct);
        Assert.True(trigger.IsSuccessStatusCode, $"trigger answered {(int)trigger.StatusCode}");
        waited.Restart();
        while (monitoring.SucceededListCount() == succeeded && monitoring.FailedCount() == 0 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200, ct);
        }

        Assert.Equal(0, monitoring.FailedCount());
        var ran = monitoring.SucceededJobs(0, 1).Single().Value;
        Assert.Equal("Product gadget: roadmap", ran.Job.Method.Name == "RunAsync" ? $"Product {ran.Job.Args[0]}: {ran.Job.Args[1]}" : null);
        var roadmap = await Sync.Core.Roadmap.ProductRoadmap.LoadAsync(host.Services.GetRequiredService<Sync.Core.Storage.IDocumentStore>(), "gadget", ct);
        Assert.NotNull(roadmap?.IssueUrl);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), ct));
    }
}
