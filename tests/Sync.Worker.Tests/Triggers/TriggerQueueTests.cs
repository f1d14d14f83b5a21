using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Triggers;

namespace Sync.Worker.Tests.Triggers;

/// <summary>
/// The trigger queue on a real SQLite state store and a real Hangfire storage with no server, so every job it enqueues
/// stays where the test can count it. Two queues on two store instances over one file and one Hangfire storage are two
/// replicas.
/// </summary>
public sealed class TriggerQueueTests : IAsyncLifetime
{
    private const string Product = "widget";
    private static readonly IssueRef Issue3 = IssueRef.Parse("github:acme/widget#3");
    private static readonly IssueRef Issue4 = IssueRef.Parse("github:acme/widget#4");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage _hangfire = new();
    private readonly string _path = InProcessApp.TempPath("triggers.db");
    private readonly SqliteStateStore _store;

    public TriggerQueueTests() => _store = new SqliteStateStore(_path);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TriggerQueue Queue => Replica(_store);

    public async ValueTask InitializeAsync() => await _store.MigrateAsync(Ct);

    public ValueTask DisposeAsync()
    {
        _hangfire.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private TriggerQueue Replica(SqliteStateStore store) =>
        new(store, store, new BackgroundJobClient(_hangfire), _hangfire, _time, NullLogger<TriggerQueue>.Instance);

    private long JobsCreated()
    {
        var s = _hangfire.GetMonitoringApi().GetStatistics();
        return s.Enqueued + s.Scheduled + s.Processing + s.Succeeded + s.Failed + s.Deleted;
    }

    private async Task<PendingTrigger> PendingAsync(string stage) =>
        Assert.Single(await _store.ListTriggersAsync(Product, Ct), t => t.Stage == stage);

    [Fact]
    public async Task Add_ThreeRequests_EnqueueOneRun_AndMergeTheOthersIntoIt()
    {
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        var second = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);
        var third = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);

        Assert.Equal((TriggerOutcome.Queued, 1), (first.Outcome, first.Deliveries));
        Assert.Equal((TriggerOutcome.Merged, first.Job, 2), (second.Outcome, second.Job, second.Deliveries));
        Assert.Equal((TriggerOutcome.Merged, first.Job, 3), (third.Outcome, third.Job, third.Deliveries));
        Assert.Equal(1, JobsCreated());
        var job = _hangfire.GetMonitoringApi().JobDetails(first.Job);
        Assert.Equal([Product, PipelineStages.Rice], job.Job.Args.Take(2));
        var pending = await PendingAsync(PipelineStages.Rice);
        Assert.Equal(["github:acme/widget#3", "github:acme/widget#4"], pending.Issues);
        Assert.Equal(new TriggerRun(TriggerState.Queued, first.Job), pending.Run);
    }

    [Fact]
    public async Task Add_FromTwoReplicasAtOnce_EnqueuesOneRun()
    {
        var replicas = new[] { Queue, Replica(new SqliteStateStore(_path)) };

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => replicas[i % 2].AddAsync(Product, PipelineStages.Move, [IssueRef.Parse($"dev:acme/widget#{(i % 40) + 1}")], Ct), Ct)));

        Assert.Equal(1, JobsCreated());
        Assert.Single(results, r => r.Outcome == TriggerOutcome.Queued);
        var pending = await PendingAsync(PipelineStages.Move);
        Assert.Equal((100, 40), (pending.Deliveries, pending.Issues.Count));
        Assert.Equal(results.Single(r => r.Outcome == TriggerOutcome.Queued).Job, pending.Run.Job);
    }

    [Fact]
    public async Task Add_WhenHangfireDroppedTheQueuedJob_EnqueuesAnother()
    {
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        new BackgroundJobClient(_hangfire).Delete(first.Job);

        var second = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);

        Assert.Equal(TriggerOutcome.Queued, second.Outcome);
        Assert.NotEqual(first.Job, second.Job);
        Assert.Equal(2, second.Deliveries);
        Assert.Equal(new TriggerRun(TriggerState.Queued, second.Job), (await PendingAsync(PipelineStages.Rice)).Run);
    }

    [Fact]
    public async Task Add_WhenTheQueuedJobIsUnknownToHangfire_EnqueuesAnother()
    {
        // An in-memory Hangfire storage starts empty after a restart; the state store still names the old job.
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        Assert.True(await _store.SetTriggerRunAsync(Product, PipelineStages.Rice, new TriggerRun(TriggerState.Queued, first.Job), new TriggerRun(TriggerState.Queued, "9999"), _time.GetUtcNow(), Ct));

        var second = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);

        Assert.Equal(TriggerOutcome.Queued, second.Outcome);
        Assert.Equal(2, JobsCreated());
    }

    [Fact]
    public async Task Add_WhileItsTriggerWaitsForTheProduct_IsWaiting_AndEnqueuesNothing()
    {
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        Assert.True(await Queue.ParkAsync(Product, PipelineStages.Rice, first.Job!, Ct));

        var second = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);

        Assert.Equal((TriggerOutcome.Waiting, first.Job, 2), (second.Outcome, second.Job, second.Deliveries));
        Assert.Equal(1, JobsCreated());
    }

    [Fact]
    public async Task Park_OfATriggerQueuedUnderAnotherJob_IsRefused()
    {
        await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);

        Assert.False(await Queue.ParkAsync(Product, PipelineStages.Rice, "another-job", Ct));
        Assert.Equal(TriggerState.Queued, (await PendingAsync(PipelineStages.Rice)).Run.State);
    }

    [Fact]
    public async Task Park_BeforeTheEnqueuerWroteTheJobId_ParksThePlaceholder()
    {
        await _store.AddTriggerAsync(new TriggerRequest(Product, PipelineStages.Rice, [], _time.GetUtcNow(), _time.GetUtcNow()), Ct);
        var placeholder = new TriggerRun(TriggerState.Queued, TriggerQueue.ArmingPrefix + "x");
        await _store.SetTriggerRunAsync(Product, PipelineStages.Rice, TriggerRun.Unarmed, placeholder, _time.GetUtcNow(), Ct);

        Assert.True(await Queue.ParkAsync(Product, PipelineStages.Rice, "17", Ct));
        Assert.Equal(new TriggerRun(TriggerState.Waiting, "17"), (await PendingAsync(PipelineStages.Rice)).Run);
    }

    [Fact]
    public async Task Wake_EnqueuesTheFirstWaitingStageInPipelineOrder_AndTheNextOnlyAfterItsRun()
    {
        foreach (var stage in new[] { PipelineStages.Rice, PipelineStages.Move })
        {
            var added = await Queue.AddAsync(Product, stage, [], Ct);
            await Queue.ParkAsync(Product, stage, added.Job!, Ct);
        }

        await Queue.WakeAsync(Product, Ct);

        Assert.Equal(3, JobsCreated());
        Assert.Equal(TriggerState.Queued, (await PendingAsync(PipelineStages.Move)).Run.State);
        Assert.Equal(TriggerState.Waiting, (await PendingAsync(PipelineStages.Rice)).Run.State);
        await Queue.TakeAsync(Product, PipelineStages.Move, Ct);
        await Queue.WakeAsync(Product, Ct);
        Assert.Equal(4, JobsCreated());
        Assert.Equal(TriggerState.Queued, (await PendingAsync(PipelineStages.Rice)).Run.State);
    }

    [Fact]
    public async Task Sweep_EnqueuesAQueuedTriggerWhoseJobIsGone_FromOneReplicaOnly()
    {
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        new BackgroundJobClient(_hangfire).Delete(first.Job);
        var replicas = new[] { Queue, Replica(new SqliteStateStore(_path)), Replica(new SqliteStateStore(_path)) };

        var swept = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.SweepAsync(Ct), Ct)));

        Assert.Equal(1, swept.Sum());
        Assert.Equal(2, JobsCreated());
        Assert.Equal(0, await Queue.SweepAsync(Ct));
    }

    [Fact]
    public async Task Sweep_LeavesATriggerWhoseJobFailed_ButTheNextRequestRetriesIt()
    {
        var first = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);

        // Its retries used up (AutomaticRetry would otherwise schedule another attempt, which is alive).
        using (var connection = _hangfire.GetConnection())
        {
            connection.SetJobParameter(first.Job, "RetryCount", "3");
        }

        new BackgroundJobClient(_hangfire).ChangeState(first.Job, new FailedState(new InvalidOperationException("tracker down")));
        Assert.Equal(FailedState.StateName, Queue.JobState(first.Job));

        Assert.Equal(0, await Queue.SweepAsync(Ct));
        var next = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);

        Assert.Equal(TriggerOutcome.Queued, next.Outcome);
        Assert.Equal(2, JobsCreated());
    }

    [Fact]
    public async Task Sweep_EnqueuesATriggerLeftWithoutAJob_OnceTheGraceHasPassed()
    {
        // The process died between storing the request and enqueueing its run.
        await _store.AddTriggerAsync(new TriggerRequest(Product, PipelineStages.Move, [], _time.GetUtcNow(), _time.GetUtcNow()), Ct);

        _time.Advance(TriggerQueue.ArmingGrace - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Queue.SweepAsync(Ct));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Queue.SweepAsync(Ct));
        Assert.Equal(1, JobsCreated());
    }

    [Fact]
    public async Task Sweep_EnqueuesAWaitingTrigger_OnlyOnceNobodyHoldsTheProduct()
    {
        // The run that held the product died before waking the trigger; its lease runs out.
        var lease = ProductPipeline.LeaseName(Product);
        await _store.TryAcquireLeaseAsync(lease, "dead-replica", _time.GetUtcNow(), TimeSpan.FromMinutes(2), Ct);
        var added = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        await Queue.ParkAsync(Product, PipelineStages.Rice, added.Job!, Ct);

        Assert.Equal(0, await Queue.SweepAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Queue.SweepAsync(Ct));
        Assert.Equal(TriggerState.Queued, (await PendingAsync(PipelineStages.Rice)).Run.State);
        Assert.Equal(2, JobsCreated());
    }

    [Fact]
    public async Task Restore_AfterAFailedRun_PutsEverythingBack_MergedWithWhatArrivedMeanwhile()
    {
        await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        await Queue.AddAsync(Product, PipelineStages.Rice, [Issue3], Ct);
        var taken = await Queue.TakeAsync(Product, PipelineStages.All, Ct);
        var meanwhile = await Queue.AddAsync(Product, PipelineStages.Rice, [Issue4], Ct);

        await Queue.RestoreAsync(taken, "17", Ct);

        var pending = await PendingAsync(PipelineStages.Rice);
        Assert.Equal(3, pending.Deliveries);
        Assert.Equal(["github:acme/widget#3", "github:acme/widget#4"], pending.Issues);
        Assert.Equal(new TriggerRun(TriggerState.Queued, meanwhile.Job), pending.Run);
    }

    [Fact]
    public async Task Restore_WithNothingPending_LeavesTheTriggerToTheRetryingJob()
    {
        await Queue.AddAsync(Product, PipelineStages.Move, [Issue3], Ct);
        var taken = await Queue.TakeAsync(Product, PipelineStages.Move, Ct);

        await Queue.RestoreAsync(taken, "17", Ct);

        Assert.Equal(new TriggerRun(TriggerState.Queued, "17"), (await PendingAsync(PipelineStages.Move)).Run);
        Assert.Equal(1, JobsCreated());
    }

    [Fact]
    public async Task Restore_WithNothingPendingAndNoJob_EnqueuesARun()
    {
        // A scheduled run knows no job id of its own to leave the trigger to.
        await Queue.AddAsync(Product, PipelineStages.Move, [Issue3], Ct);
        var taken = await Queue.TakeAsync(Product, PipelineStages.All, Ct);

        await Queue.RestoreAsync(taken, job: null, Ct);

        var pending = await PendingAsync(PipelineStages.Move);
        Assert.Equal(2, JobsCreated());
        Assert.Equal(TriggerState.Queued, pending.Run.State);
        Assert.Equal("Enqueued", Queue.JobState(pending.Run.Job));
        Assert.Equal(["github:acme/widget#3"], pending.Issues);
    }
}
