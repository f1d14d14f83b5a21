using Microsoft.Extensions.Time.Testing;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Budgets;

/// <summary>
/// Vote passes over 10,000 public issues, as exact request counts against the sandbox: with no vote change since the
/// last pass no per-issue request is made; with k issues changed, k voter-list fetches (one page each here).
/// </summary>
public sealed class VotesBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task VotePass_OverTenThousandIssues_FetchesVotersOnlyForChangedIssues(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 10_000, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var store = harness.Store;
        var counter = harness.Counter;
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, "acme/bulk"), []);
        var step = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);

        // The previous pass saw everything up to the newest generated issue (its cursor is settled).
        var newest = instance.Issues("acme/bulk").Max(i => i.UpdatedAt);
        var seen = instance.Issues("acme/bulk").Where(i => i.UpdatedAt == newest).Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await store.SaveCursorAsync(new SyncCursor(VotesStep.ScopeOf(product.Public), newest, seen, Noon), ct);

        async Task<(long Ours, long Sandbox, long Recounted)> PassAsync()
        {
            var ours = counter.Snapshot().TotalFor(tracker);
            var theirs = sandbox.Stats.Snapshot().ForInstance(instance.Name);
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            return (counter.Snapshot().TotalFor(tracker) - ours, sandbox.Stats.Snapshot().ForInstance(instance.Name) - theirs, result.Metrics["recounted"]);
        }

        Assert.Equal((1L, 1L, 0L), await PassAsync()); // nothing changed: one listing request, no voter fetch

        var vote = kind == TrackerKind.GitLab ? "thumbsup_tone2" : "+1";
        foreach (var number in Enumerable.Range(1, 250).Select(i => i * 39))
        {
            time.Advance(IncrementalCursor.Resolution(kind));
            instance.AddAward("acme/bulk", number, vote, "zed.newvoter");
        }

        // 250 changed issues: 3 listing pages + exactly 250 voter-list fetches, and a snapshot for each changed count.
        Assert.Equal((253L, 253L, 250L), await PassAsync());
        var snapshots = await store.ListVoteSnapshotsAsync("bulk", $"{tracker}:acme/bulk#{39}", Noon, ct);
        Assert.Contains(snapshots, s => s.UniqueVoters >= 1);
    }
}
