using System.Diagnostics;
using System.Net;
using System.Text;
using Hangfire;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Worker.Jobs;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>
/// Many signed deliveries sent at once to the real endpoint while a run of their product is in progress: they collapse
/// into one queued run per product and stage, which runs once after the current pass. Counts are exact: Hangfire jobs
/// created, and requests the sandbox trackers received against what each run costs on its own.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebhookCoalescingTests(QuietWebhookHost host) : IClassFixture<QuietWebhookHost>
{
    private const int Deliveries = 300;
    private const string Product = WebhookBurst.Product;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => host.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task ConcurrentDeliveries_WhileARunHoldsTheProduct_MakeOneQueuedRunPerStage_ThatRunsOnceAfterIt()
    {
        var burst = new WebhookBurst(host);
        var pipelineJob = host.Host.Services.GetRequiredService<ProductPipelineJob>();
        await host.DrainAsync();

        // What each run costs on its own with nothing changed on the trackers, in the order of the scenario: the full run
        // that will be in progress, then the two stages the deliveries ask for (rice for public issues, move for the
        // private source's). The first passes after start-up still re-count issues the seed dated around now, so the
        // sequence is repeated until two passes cost the same, starting once the last write is older than the cursor's
        // same-instant guard (a listing closer to it re-checks every issue updated at that instant).
        await Task.Delay(IncrementalCursor.SameInstantGuard + TimeSpan.FromSeconds(1), Ct);
        (long Full, long Rice, long Move) cost = (-1, -1, -1), previous;
        var passes = 0;
        do
        {
            previous = cost;
            cost = (await RequestsOfAsync(burst, () => pipelineJob.RunAsync(Product, PipelineStages.All, Ct)),
                await RequestsOfAsync(burst, () => pipelineJob.RunAsync(Product, PipelineStages.Rice, Ct)),
                await RequestsOfAsync(burst, () => pipelineJob.RunAsync(Product, PipelineStages.Move, Ct)));
            Assert.True(++passes < 8, $"the runs' request counts did not settle: {previous} then {cost}");
        }
        while (cost != previous);

        var (full, rice, move) = cost;
        TestContext.Current.TestOutputHelper?.WriteLine($"requests per run: full {full}, rice {rice}, move {move}");
        var jobsBefore = burst.TotalJobs();
        var requestsBefore = await burst.SandboxRequestsAsync(Ct);
        var triggerJobsBefore = (await host.JobsAsync<TriggerRunJob>()).Keys.ToHashSet();

        // The full run is slowed down so it is still in progress when every delivery has been answered.
        await SetSandboxLatencyAsync((int)Math.Max(100, 10_000 / Math.Max(1, full)));
        var inProgress = Task.Run(() => pipelineJob.RunAsync(Product, PipelineStages.All, Ct), Ct);
        await WaitUntilAsync(async () => await host.Store.GetLeaseAsync(ProductPipeline.LeaseName(Product), Ct) is not null, "the full run holds the product");

        var statuses = await burst.SendAsync(Deliveries, concurrency: 32, Ct);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        await WaitUntilAsync(
            async () => (await host.Store.ListTriggersAsync(Product, Ct)) is [{ Run.State: TriggerState.Waiting }, { Run.State: TriggerState.Waiting }],
            "both triggers wait for the run in progress");
        Assert.False(inProgress.IsCompleted, "the full run ended before the deliveries were in; the test proves nothing");
        var pending = await host.Store.ListTriggersAsync(Product, Ct);
        var privateDeliveries = Enumerable.Range(0, Deliveries).Count(i => WebhookBurst.IssueOf(i).Path == WebhookBurst.PrivateProject);
        Assert.Equal(70, privateDeliveries);
        Assert.Equal([(PipelineStages.Move, 70, 10), (PipelineStages.Rice, 230, 30)], pending.Select(t => (t.Stage, t.Deliveries, t.Issues.Count)));
        var parked = NewJobs(await host.JobsAsync<TriggerRunJob>(), triggerJobsBefore);
        Assert.True(parked.Count == 2, string.Join("; ", parked.Select(j => $"{j.Id} {j.State} {string.Join(",", j.Job.Args.Take(2))} {j.Result}")));
        Assert.All(parked, j => Assert.Equal(TriggerRunJob.Waiting, j.Run?.Outcome));

        await SetSandboxLatencyAsync(0);
        await inProgress;
        await host.DrainAsync();

        var parkedIds = parked.Select(j => j.Id).ToHashSet();
        var runs = NewJobs(await host.JobsAsync<TriggerRunJob>(), triggerJobsBefore).Where(j => !parkedIds.Contains(j.Id)).Select(j => j.Run!).OrderBy(r => r.Deliveries).ToList();
        Assert.Equal([(TriggerRunJob.Ran, 70), (TriggerRunJob.Ran, 230)], runs.Select(r => (r.Outcome, r.Deliveries)));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"github:acme/widget-private#{n}").Order(StringComparer.Ordinal), runs[0].Issues);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"github:acme/widget#{n}").Order(StringComparer.Ordinal), runs[1].Issues);
        Assert.Empty(await host.Store.ListTriggersAsync(Product, Ct));
        Assert.Equal(jobsBefore + 4, burst.TotalJobs());
        Assert.Equal(full + rice + move, await burst.SandboxRequestsAsync(Ct) - requestsBefore);
    }

    [Fact]
    public async Task ADelivery_WhileAnotherReplicaRunsTheProduct_RunsOnceAfterThatRun()
    {
        var before = (await host.JobsAsync<TriggerRunJob>()).Keys.ToHashSet();
        await using (await host.HoldProductAsync("gadget"))
        {
            using var response = await host.PostGitLabAsync("Issue Hook", GitLabIssue(60));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await WaitUntilAsync(async () => (await host.PendingAsync("gadget", PipelineStages.Rice))?.Run.State == TriggerState.Waiting, "the run found gadget busy");
            Assert.DoesNotContain(NewJobs(await host.JobsAsync<TriggerRunJob>(), before), j => j.Run?.Outcome == TriggerRunJob.Ran);
        }

        var run = await host.WaitForRunOfAsync("gitlab:acme/gadget#60", TimeSpan.FromSeconds(60));
        Assert.Equal(1, run.Deliveries);
        await host.DrainAsync();
        Assert.Equal([TriggerRunJob.Ran, TriggerRunJob.Waiting], NewJobs(await host.JobsAsync<TriggerRunJob>(), before).Select(j => j.Run!.Outcome).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADelivery_WhoseWaitingRunWasNeverWoken_IsRunByTheSweep()
    {
        // The replica that held the product died mid-run: nobody wakes the trigger, and its lease runs out.
        await host.DrainAsync();
        var lease = ProductPipeline.LeaseName("gadget");
        await host.Store.TryAcquireLeaseAsync(lease, "dying-replica", Now, TimeSpan.FromMinutes(5), Ct);
        using var response = await host.PostGitLabAsync("Issue Hook", GitLabIssue(62));
        await WaitUntilAsync(async () => (await host.PendingAsync("gadget", PipelineStages.Rice))?.Run.State == TriggerState.Waiting, "the run found gadget busy");
        Assert.Equal(0, await host.Triggers.SweepAsync(Ct));
        await host.Store.ReleaseLeaseAsync(lease, "dying-replica", Ct);

        Assert.Equal(1, await host.Triggers.SweepAsync(Ct));

        Assert.Equal(1, (await host.WaitForRunOfAsync("gitlab:acme/gadget#62", TimeSpan.FromSeconds(60))).Deliveries);
    }

    [Fact]
    public async Task AFailedRun_PutsItsTriggersBack_AndTheNextRunTakesThem()
    {
        await host.DrainAsync();
        var lease = ProductPipeline.LeaseName(Product);
        await host.Store.TryAcquireLeaseAsync(lease, "another-replica", Now, TimeSpan.FromMinutes(5), Ct);
        foreach (var number in new[] { 121, 122 })
        {
            using var response = await host.PostGitHubAsync("issues", WebhookPayloads.Fill(WebhookPayloads.GitHubIssues, new Uri(host.Sandbox, "github/").ToString(), "acme/widget", number));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitUntilAsync(async () => (await host.PendingAsync(Product, PipelineStages.Rice))?.Run.State == TriggerState.Waiting, "the run found widget busy");
        await ControlSandboxAsync("""{ "faults": [ { "instance": "github", "kind": "MalformedJson", "count": 1, "method": "GET", "pathContains": "/repos/acme/widget/issues" } ] }""");
        await host.Store.ReleaseLeaseAsync(lease, "another-replica", Ct);

        // A scheduled rice run takes the trigger and fails on the listing.
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(
            () => host.Host.Services.GetRequiredService<ProductPipelineJob>().RunAsync(Product, PipelineStages.Rice, Ct));
        Assert.Contains("step 'votes'", error.Message, StringComparison.Ordinal);

        var run = await host.WaitForRunOfAsync("github:acme/widget#121", TimeSpan.FromSeconds(60));
        Assert.Equal(2, run.Deliveries);
        Assert.Equal(["github:acme/widget#121", "github:acme/widget#122"], run.Issues);
    }

    [Fact]
    public async Task AResyncJobLeftByAnEarlierVersion_BecomesARequest_ThatRuns()
    {
        await host.DrainAsync();
        host.Host.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<IssueResyncJob>(job => job.RunAsync("gadget", "gitlab:acme/gadget#61", CancellationToken.None));

        var run = await host.WaitForRunOfAsync("gitlab:acme/gadget#61", TimeSpan.FromSeconds(60));
        Assert.Equal(1, run.Deliveries);
    }

    private string GitLabIssue(long number) => WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, new Uri(host.Sandbox, "gitlab/").ToString(), "acme/gadget", number);

    private static List<HostJob> NewJobs(IReadOnlyDictionary<string, HostJob> jobs, HashSet<string> before) =>
        [.. jobs.Values.Where(j => !before.Contains(j.Id))];

    private static async Task<long> RequestsOfAsync(WebhookBurst burst, Func<Task> run)
    {
        var before = await burst.SandboxRequestsAsync(Ct);
        await run();
        return await burst.SandboxRequestsAsync(Ct) - before;
    }

    private Task SetSandboxLatencyAsync(int milliseconds) => ControlSandboxAsync($"{{\"latencyMs\": {milliseconds}}}");

    private async Task ControlSandboxAsync(string json)
    {
        using var client = new HttpClient { BaseAddress = host.Sandbox };
        using var request = new HttpRequestMessage(HttpMethod.Post, "_sandbox/control") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Sandbox-Admin", "sandbox-admin");
        using var response = await client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                var jobs = (await host.JobsAsync<TriggerRunJob>()).Values.Select(j => $"{j.Id} {j.State} {j.Result}");
                Assert.Fail($"timed out waiting until {what}; pending: {string.Join("; ", await host.Store.ListTriggersAsync(null, Ct))}; jobs: {string.Join("; ", jobs)}");
            }

            await Task.Delay(50, Ct);
        }
    }
}
