using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Pipeline;

public sealed class ProductPipelineTests
{
    private static readonly ProductDefinition Product = new("widget", ProjectRef.Parse("pub:acme/widget"), [new SourceRule(ProjectRef.Parse("dev:acme/widget"))]);

    [Fact]
    public async Task Run_StepsRunInOrderAndShareTheJournal()
    {
        var order = new List<string>();
        var pipeline = new ProductPipeline(Declared(new Step("inventory", order), new Step("move", order)), new FakeLeases(), new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: true, TestContext.Current.CancellationToken);

        Assert.Equal(["inventory", "move"], order);
        Assert.True(summary.Succeeded);
        Assert.Equal(["inventory", "move"], summary.Writes.Select(w => w.Target));
    }

    [Theory]
    [InlineData("all", "inventory move votes lifecycle rice roadmap releases")]
    [InlineData("move", "inventory move")]
    [InlineData("votes", "votes")]
    [InlineData("lifecycle", "votes lifecycle")]
    [InlineData("rice", "votes lifecycle rice")]
    [InlineData("roadmap", "votes lifecycle rice roadmap")]
    [InlineData("releases", "releases")]
    public async Task RunStage_RunsItsStepsInPipelineOrder_TheRoadmapAfterAFreshVoteAndRicePass(string stage, string expected)
    {
        var order = new List<string>();
        string[] names = ["inventory", "move", "votes", "lifecycle", "rice", "roadmap", "releases"];
        var pipeline = new ProductPipeline([.. names.Select(n => new Step(n, order))], new FakeLeases(), new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: false, stage, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Split(' '), order);
        Assert.True(summary.Succeeded);
    }

    [Fact]
    public async Task Run_OrdersTheStepsByTheDeclaredOrder_WhateverOrderTheyWereRegisteredIn()
    {
        var order = new List<string>();
        var pipeline = new ProductPipeline([.. PipelineStages.StepOrder.Reverse().Select(n => new Step(n, order))], new FakeLeases(), new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal(PipelineStages.StepOrder, order);
        Assert.Equal(PipelineStages.StepOrder, summary.Steps.Select(s => s.Step));
    }

    [Fact]
    public void New_WhenADeclaredStepHasNoImplementation_FailsWithOneLineNamingIt()
    {
        var steps = Declared().Where(s => s.Name != StepNames.Rice);

        var error = Assert.Throws<InvalidOperationException>(() => new ProductPipeline(steps, new FakeLeases(), new FakeTimeProvider()));

        Assert.Equal("Pipeline: step 'rice' is declared in PipelineStages.StepOrder but no IPipelineStep named 'rice' is registered", error.Message);
    }

    [Fact]
    public void New_WhenAStepIsNotDeclaredOrRegisteredTwice_FailsWithOneLineNamingEveryProblem()
    {
        var order = new List<string>();
        IPipelineStep[] steps = [.. Declared(), new Step("triage", order), new Step(StepNames.Votes, order)];

        var error = Assert.Throws<InvalidOperationException>(() => new ProductPipeline(steps, new FakeLeases(), new FakeTimeProvider()));

        Assert.Equal(
            "Pipeline: step 'votes' is registered 2 times; step 'triage' (Step) is registered but not declared in PipelineStages.StepOrder",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task RunStage_Unknown_IsRefusedNamingTheStages()
    {
        var pipeline = new ProductPipeline(Declared(), new FakeLeases(), new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => pipeline.RunAsync(Product, dryRun: false, "moev", TestContext.Current.CancellationToken));

        Assert.StartsWith("Unknown stage 'moev' (stages: all, move, votes, lifecycle, rice, roadmap, releases)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenAStepFails_LaterStepsDoNotRunAndTheErrorIsOneLine()
    {
        var order = new List<string>();
        var pipeline = new ProductPipeline(Declared(new Step("inventory", order, fail: true), new Step("move", order)), new FakeLeases(), new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);

        Assert.False(summary.Succeeded);
        Assert.Equal(["inventory"], order);
        var failed = Assert.Single(summary.Steps);
        Assert.Equal("inventory", failed.Step);
        Assert.Equal("step inventory broke on line one line two", failed.Error);
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheProduct_DoesNothing()
    {
        var leases = new FakeLeases();
        var time = new FakeTimeProvider();
        await leases.TryAcquireLeaseAsync(ProductPipeline.LeaseName("widget"), "other-replica", time.GetUtcNow(), TimeSpan.FromMinutes(5), CancellationToken.None);
        var order = new List<string>();
        var pipeline = new ProductPipeline(Declared(new Step("inventory", order)), leases, time);

        var summary = await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);

        Assert.Empty(order);
        Assert.Contains("another run of product 'widget' is in progress", Assert.Single(summary.Steps).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhileAnotherRunOfTheSamePipelineHoldsTheProduct_IsBusy()
    {
        // Two Hangfire workers of one process share the pipeline: they must exclude each other as two replicas do.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var step = new KeepAliveStep(async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
        });
        var pipeline = new ProductPipeline(Declared(step), new FakeLeases(), new FakeTimeProvider());

        var first = pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);
        await entered.Task;
        var second = await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);
        release.SetResult();

        Assert.Equal("lease", Assert.Single(second.Steps).Step);
        Assert.True((await first).Succeeded);
    }

    [Fact]
    public async Task Run_ReleasesTheLeaseAfterwards_SoTheNextRunProceeds()
    {
        var leases = new FakeLeases();
        var order = new List<string>();
        var pipeline = new ProductPipeline(Declared(new Step("inventory", order)), leases, new FakeTimeProvider());

        await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);
        await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal(["inventory", "inventory"], order);
        Assert.Empty(leases.Held);
    }

    [Fact]
    public async Task RunWithClaim_GivesTheStepsTheClaimedIssues_AndReportsThem()
    {
        var seen = new List<IReadOnlySet<IssueRef>>();
        var step = new KeepAliveStep((context, _) =>
        {
            seen.Add(context.RequestedIssues);
            return Task.CompletedTask;
        });
        var issues = new HashSet<IssueRef> { IssueRef.Parse("pub:acme/widget#3"), IssueRef.Parse("dev:acme/widget#9") };
        var pipeline = new ProductPipeline(Declared(step), new FakeLeases(), new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: false, "all", _ => Task.FromResult<IReadOnlySet<IssueRef>?>(issues), TestContext.Current.CancellationToken);

        Assert.Same(issues, Assert.Single(seen));
        Assert.Equal(issues, summary.RequestedIssues.ToHashSet());
    }

    [Fact]
    public async Task RunWithClaim_IsClaimedUnderTheLease_AndNotAtAllWhenTheProductIsBusy()
    {
        var leases = new FakeLeases();
        var time = new FakeTimeProvider();
        var claims = new List<string?>();
        var pipeline = new ProductPipeline(Declared(), leases, time);
        Task<IReadOnlySet<IssueRef>?> Claim(CancellationToken ct)
        {
            claims.Add(leases.Held.TryGetValue(ProductPipeline.LeaseName("widget"), out var held) ? held.Owner : null);
            return Task.FromResult<IReadOnlySet<IssueRef>?>(new HashSet<IssueRef>());
        }

        await pipeline.RunAsync(Product, dryRun: false, "votes", Claim, TestContext.Current.CancellationToken);
        await leases.TryAcquireLeaseAsync(ProductPipeline.LeaseName("widget"), "other-replica", time.GetUtcNow(), TimeSpan.FromMinutes(5), CancellationToken.None);
        var busy = await pipeline.RunAsync(Product, dryRun: false, "votes", Claim, TestContext.Current.CancellationToken);

        Assert.NotNull(Assert.Single(claims));
        Assert.NotEqual("other-replica", claims[0]);
        Assert.Equal("lease", Assert.Single(busy.Steps).Step);
    }

    [Fact]
    public async Task RunWithClaim_WhenNothingIsLeft_RunsNoStepAndReleasesTheLease()
    {
        var leases = new FakeLeases();
        var order = new List<string>();
        var pipeline = new ProductPipeline(Declared(new Step("votes", order)), leases, new FakeTimeProvider());

        var summary = await pipeline.RunAsync(Product, dryRun: false, "votes", _ => Task.FromResult<IReadOnlySet<IssueRef>?>(null), TestContext.Current.CancellationToken);

        Assert.Empty(order);
        var idle = Assert.Single(summary.Steps);
        Assert.Equal((ProductPipeline.ClaimStep, (string?)null), (idle.Step, idle.Error));
        Assert.True(summary.Succeeded);
        Assert.Empty(leases.Held);
    }

    [Theory]
    [InlineData("all", "all move votes lifecycle rice roadmap releases")]
    [InlineData("move", "move")]
    [InlineData("votes", "votes")]
    [InlineData("lifecycle", "votes lifecycle")]
    [InlineData("rice", "votes lifecycle rice")]
    [InlineData("roadmap", "votes lifecycle rice roadmap")]
    [InlineData("releases", "releases")]
    public void CoveredBy_IsEveryStageWhoseStepsTheRunRuns(string runStage, string covered)
    {
        Assert.Equal(covered.Split(' '), PipelineStages.CoveredBy(runStage));
    }

    [Fact]
    public async Task KeepAlive_RenewsTheLease_AndReportsALostOne()
    {
        var leases = new FakeLeases();
        var time = new FakeTimeProvider();
        var renewals = new List<bool>();
        var step = new KeepAliveStep(async (context, ct) =>
        {
            time.Advance(TimeSpan.FromMinutes(20));
            renewals.Add(await context.KeepAliveAsync(ct));
            time.Advance(TimeSpan.FromMinutes(20)); // 40 min after the start: alive only because it was renewed
            Assert.False(await leases.TryAcquireLeaseAsync(ProductPipeline.LeaseName("widget"), "intruder", time.GetUtcNow(), TimeSpan.FromMinutes(1), ct));
            leases.Held[ProductPipeline.LeaseName("widget")] = ("intruder", time.GetUtcNow().AddHours(1));
            renewals.Add(await context.KeepAliveAsync(ct));
        });
        var pipeline = new ProductPipeline(Declared(step), leases, time);

        await pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal([true, false], renewals);
    }

    [Fact]
    public async Task Run_WhenTheLeaseCannotBeRenewed_StopsTheStepsWritesBeforeTheLeaseExpires()
    {
        var leases = new FakeLeases();
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        DateTimeOffset? stoppedAt = null;
        var step = new KeepAliveStep(async (_, ct) =>
        {
            leases.RefuseRenewals = true; // the store is unreachable from now on
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct); // a write waiting on its pacing slot, say
            }
            catch (OperationCanceledException)
            {
                stoppedAt = time.GetUtcNow();
                throw;
            }
        });
        var pipeline = new ProductPipeline(Declared(step), leases, time);

        var run = pipeline.RunAsync(Product, dryRun: false, TestContext.Current.CancellationToken);
        while (!run.IsCompleted && time.GetUtcNow() < start + TimeSpan.FromMinutes(10))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var summary = await run;
        Assert.False(summary.Succeeded);
        Assert.Equal(ProductPipeline.LeaseLostMessage("widget"), Assert.Single(summary.Steps).Error);
        Assert.NotNull(stoppedAt);
        Assert.True(stoppedAt < start + pipeline.LeaseDuration, $"stopped at {stoppedAt - start} after the start; the lease lasts {pipeline.LeaseDuration}");
    }

    /// <summary>The given steps, and a silent no-op for every other declared step (the pipeline refuses a partial set).</summary>
    private static IPipelineStep[] Declared(params IPipelineStep[] steps) =>
        [.. steps, .. PipelineStages.StepOrder.Where(name => steps.All(s => s.Name != name)).Select(name => new NoOpStep(name))];

    private sealed class NoOpStep(string name) : IPipelineStep
    {
        public string Name => name;

        public Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken) => Task.FromResult(StepResult.Empty);
    }

    private sealed class KeepAliveStep(Func<PipelineContext, CancellationToken, Task> body) : IPipelineStep
    {
        // The first declared step, so nothing runs before it.
        public string Name => StepNames.Inventory;

        public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
        {
            await body(context, cancellationToken);
            return StepResult.Empty;
        }
    }

    private sealed class Step(string name, List<string> order, bool fail = false) : IPipelineStep
    {
        public string Name => name;

        public Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
        {
            order.Add(name);
            if (fail)
            {
                throw new InvalidOperationException($"step {name} broke on line one\nline two");
            }

            context.Writes.Record(new PlannedWrite("comment", name, "hello"));
            return Task.FromResult(StepResult.Empty);
        }
    }

    private sealed class FakeLeases : ILeaseStore
    {
        public Dictionary<string, (string Owner, DateTimeOffset Until)> Held { get; } = [];

        /// <summary>Every renewal fails from now on (the store cannot be reached).</summary>
        public bool RefuseRenewals { get; set; }

        public Task<bool> TryAcquireLeaseAsync(string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
        {
            if (RefuseRenewals)
            {
                return Task.FromResult(false);
            }

            if (Held.TryGetValue(name, out var lease) && lease.Owner != owner && lease.Until > now)
            {
                return Task.FromResult(false);
            }

            Held[name] = (owner, now + duration);
            return Task.FromResult(true);
        }

        public Task<LeaseRecord?> GetLeaseAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Held.TryGetValue(name, out var lease) ? new LeaseRecord(name, lease.Owner, lease.Until) : null);

        public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken)
        {
            if (Held.TryGetValue(name, out var lease) && lease.Owner == owner)
            {
                Held.Remove(name);
            }

            return Task.CompletedTask;
        }
    }
}
