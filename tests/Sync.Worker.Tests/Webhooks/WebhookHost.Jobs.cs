using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Worker.Jobs;
using Sync.Worker.Triggers;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>A job of the host's Hangfire storage: its id, what it runs, its state and (once succeeded) its result.</summary>
public sealed record HostJob(string Id, Job Job, string State, string? Result)
{
    private static readonly JsonSerializerOptions ResultJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The result of a succeeded <see cref="TriggerRunJob"/>.</summary>
    internal TriggeredRun? Run => Result is null || Job.Type != typeof(TriggerRunJob) ? null : JsonSerializer.Deserialize<TriggeredRun>(Result, ResultJson);
}

public partial class WebhookHost
{
    internal TriggerQueue Triggers => Host.Services.GetRequiredService<TriggerQueue>();

    public IStateStore Store => Host.Services.GetRequiredService<IStateStore>();

    /// <summary>
    /// Every job of type <typeparamref name="T"/> whatever its state (the server runs them meanwhile), read until two
    /// passes agree so a job moving between states is not missed.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, HostJob>> JobsAsync<T>()
    {
        var previous = Read();
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            var current = Read();
            if (current.Keys.Order().SequenceEqual(previous.Keys.Order()))
            {
                return current;
            }

            previous = current;
        }

        return previous;

        Dictionary<string, HostJob> Read()
        {
            var monitoring = Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var jobs = new Dictionary<string, HostJob>(StringComparer.Ordinal);
            void Add(string id, Job? job, string state, object? result = null)
            {
                if (job?.Type == typeof(T))
                {
                    jobs[id] = new HostJob(id, job, state, result?.ToString());
                }
            }

            foreach (var queue in monitoring.Queues())
            {
                foreach (var (id, job) in monitoring.EnqueuedJobs(queue.Name, 0, 10_000))
                {
                    Add(id, job.Job, "Enqueued");
                }
            }

            foreach (var (id, job) in monitoring.ProcessingJobs(0, 10_000))
            {
                Add(id, job.Job, "Processing");
            }

            foreach (var (id, job) in monitoring.SucceededJobs(0, 10_000))
            {
                Add(id, job.Job, "Succeeded", job.Result);
            }

            foreach (var (id, job) in monitoring.FailedJobs(0, 10_000))
            {
                Add(id, job.Job, "Failed");
            }

            foreach (var (id, job) in monitoring.ScheduledJobs(0, 10_000))
            {
                Add(id, job.Job, "Scheduled");
            }

            return jobs;
        }
    }

    /// <summary>Waits for a succeeded triggered run that took <paramref name="issue"/> and returns its result.</summary>
    internal async Task<TriggeredRun> WaitForRunOfAsync(string issue, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if ((await JobsAsync<TriggerRunJob>()).Values.Select(j => j.Run).FirstOrDefault(r => r is { Outcome: TriggerRunJob.Ran } && r.Issues.Contains(issue)) is { } run)
            {
                return run;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no triggered run took {issue} within {timeout}; pending: {string.Join("; ", await Store.ListTriggersAsync(null, TestContext.Current.CancellationToken))}");
    }

    /// <summary>Waits until no job is enqueued, scheduled or processing on three polls in a row.</summary>
    public Task<TimeSpan> DrainAsync() => new WebhookBurst(this).DrainAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

    /// <summary>The pending trigger of one product and stage, or null.</summary>
    public async Task<PendingTrigger?> PendingAsync(string product, string stage) =>
        (await Store.ListTriggersAsync(product, TestContext.Current.CancellationToken)).FirstOrDefault(t => t.Stage == stage);

    /// <summary>
    /// Holds the product's lease as another replica's run would, after letting whatever runs finish. Disposing ends that
    /// "run": the lease is released and the waiting triggers are woken, as <see cref="ProductRunner"/> does.
    /// </summary>
    public async Task<IAsyncDisposable> HoldProductAsync(string product)
    {
        await DrainAsync();
        var lease = ProductPipeline.LeaseName(product);
        var time = Host.Services.GetRequiredService<TimeProvider>();
        Assert.True(await Store.TryAcquireLeaseAsync(lease, "another-replica", time.GetUtcNow(), TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken));
        return new ReplicaRun(this, product, lease);
    }

    private sealed class ReplicaRun(WebhookHost host, string product, string lease) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.Store.ReleaseLeaseAsync(lease, "another-replica", CancellationToken.None);
            await host.Triggers.WakeAsync(product, CancellationToken.None);
        }
    }
}
