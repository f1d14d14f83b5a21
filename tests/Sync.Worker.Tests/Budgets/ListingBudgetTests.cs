using Microsoft.Extensions.Time.Testing;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Budgets;

/// <summary>
/// Request budgets of incremental listing, as exact counts, against the sandbox with 10,000 issues per project.
/// IssueSync's request counter and the sandbox's own counters must agree at every stage.
/// </summary>
public sealed class ListingBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "dev", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Listing_10000Issues_CostsABoundPageEach99ThenOneWhenIdleThenOnePagePer100Changed(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 10_000, Time = time }, ct);
        var instance = tracker == "dev" ? sandbox.GitLabDev : sandbox.GitHub;
        var kind = tracker == "dev" ? TrackerKind.GitLab : TrackerKind.GitHub;
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var step = new InventoryStep(harness.Trackers, harness.Store, time);
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, "acme/bulk"), []);
        var counter = harness.Counter;

        async Task<(long Ours, long Sandbox, long Changed)> ListAsync()
        {
            var ours = counter.Snapshot().TotalFor(tracker);
            var theirs = sandbox.Stats.Snapshot().ForInstance(instance.Name);
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            return (counter.Snapshot().TotalFor(tracker) - ours, sandbox.Stats.Snapshot().ForInstance(instance.Name) - theirs, result.Metrics[$"changed:{tracker}:acme/bulk"]);
        }

        // Pages after the first are fresh queries from the last updated_at seen (so an issue updated during the listing
        // cannot slide one past it), and each repeats the issue at its bound: 100 + 99 × 100 ≥ 10,000 takes 101 pages.
        var first = await ListAsync();
        Assert.Equal((101L, 101L, 10_000L), first);

        time.Advance(TimeSpan.FromMinutes(1));
        var idle = await ListAsync();
        Assert.Equal((1L, 1L, 0L), idle);
        var idleAgainSameCursor = await ListAsync();
        Assert.Equal((1L, 1L, 0L), idleAgainSameCursor);
        if (kind == TrackerKind.GitHub)
        {
            // Same query as the previous listing: GitHub answers the stored ETag with 304 (not charged by its rate limit).
            Assert.Equal(1, NotModified(counter, tracker));
        }

        // 250 issues change, one timestamp unit apart (GitLab: ms, GitHub: s).
        var step250 = IncrementalCursor.Resolution(kind);
        foreach (var number in Enumerable.Range(1, 250).Select(i => i * 37))
        {
            time.Advance(step250);
            Edit(instance, number, time.GetUtcNow());
        }

        var changed = await ListAsync();
        Assert.Equal((3L, 3L, 250L), changed);

        if (kind == TrackerKind.GitLab)
        {
            // Listed within GitLab's touch window (a note in the minute after an update leaves updated_at alone), all 250
            // are listed once more after the window; then they are final.
            time.Advance(IncrementalCursor.TouchWindow(kind));
            Assert.Equal((3L, 3L, 250L), await ListAsync());
        }
        else
        {
            // The listing ran in the same second as the last change, so that issue is re-checked once (a second change in
            // the same second would keep its timestamp); a few seconds later nothing is left to re-check. One page each.
            time.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal((1L, 1L, 1L), await ListAsync());
        }

        var idleAgain = await ListAsync();
        Assert.Equal((1L, 1L, 0L), idleAgain);

        // Exactly one full page of changes is exactly one request.
        time.Advance(IncrementalCursor.SettleMargin + TimeSpan.FromMinutes(1));
        await ListAsync(); // settles the cursor (a listing more than the margin after its instant)
        foreach (var number in Enumerable.Range(1, 100).Select(i => (i * 53) + 1))
        {
            time.Advance(step250);
            Edit(instance, number, time.GetUtcNow());
        }

        var onePage = await ListAsync();
        Assert.Equal((1L, 1L, 100L), onePage);
    }

    private static long NotModified(RequestCounter counter, string tracker) =>
        counter.Snapshot().Trackers[tracker].ByStatus.Where(e => e.Key.Status == 304).Sum(e => e.Value);

    /// <summary>A human's edit (a title change is an ordinary update, which bumps <c>updated_at</c>; a vote would not).</summary>
    private static void Edit(SandboxInstance instance, int number, DateTimeOffset at)
    {
        var issue = instance.Issue("acme/bulk", number);
        lock (instance.Sync)
        {
            issue.Title += " (edited)";
            issue.UpdatedAt = at;
        }
    }
}
