using Microsoft.Extensions.Time.Testing;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Budgets;

/// <summary>
/// One listing per pass: the roadmap stage (votes, RICE, roadmap in one pass) reads the public project's changes once,
/// and RICE and the roadmap each see that reading through their own cursor.
/// </summary>
public sealed class PassListingBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "dev", "github" };

    /// <summary>
    /// An idle pass of votes + RICE + roadmap makes exactly one issue-listing request for the public project: the empty
    /// page of the incremental listing after its settled cursor, which RICE makes and the roadmap reuses (before issue 17
    /// each listed on its own: 2). N = 1 needs nothing the roadmap must read by itself: it reads the milestones and checks
    /// the board only when someone else changed something, on its daily full listing or on a rebuild request (then it
    /// lists by itself, as it does when a RICE stage ran without it and its cursor is further behind). The votes step's
    /// bulk read of the open issues' vote signals is not an incremental listing (a vote bumps no <c>updated_at</c>, so
    /// every open issue's signal is read each pass; GitHub: the same open-issue pages with If-None-Match, each a 304); it
    /// is counted apart here and budgeted in <see cref="VotesBudgetTests"/>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task IdleVotesRiceRoadmapPass_ListsThePublicProjectOnce_AndRiceAndRoadmapShareIt(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 10, Time = time }, ct);
        var instance = tracker == "dev" ? sandbox.GitLabDev : sandbox.GitHub;
        var kind = tracker == "dev" ? TrackerKind.GitLab : TrackerKind.GitHub;
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
        var store = harness.Store;
        var votes = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);
        var rice = new RiceStep(harness.Trackers, store, store, store, time, p => p.Rice);
        var roadmap = new RoadmapStep(harness.Trackers, store, store, store, store, new NoProjectBoards(), time, p => p.Roadmap);
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, "acme/bulk"), []) { Rice = new RiceRules(), Roadmap = new RoadmapRules() };
        var counter = harness.Counter;

        async Task<(long VoteRequests, long Listings, long Others, PassListings Shared)> PassAsync()
        {
            var context = new PipelineContext(product, DryRun: false, new WriteJournal());
            await votes.RunAsync(context, ct);
            var before = counter.Snapshot().Trackers[tracker];
            await rice.RunAsync(context, ct);
            await roadmap.RunAsync(context, ct);
            var after = counter.Snapshot().Trackers[tracker];
            var listings = after.Count("GET", EndpointKinds.IssuesList) - before.Count("GET", EndpointKinds.IssuesList);
            return (before.Total, listings, after.Total - before.Total - listings, context.Listings);
        }

        // The first pass writes bucket labels, comments and the roadmap issue; the second reads those writes back; the
        // third is the idle scheduled pass. Passes are spaced beyond the settle margin, as the schedules space them.
        for (var pass = 0; pass < 2; pass++)
        {
            time.Advance(IncrementalCursor.SettleMargin + TimeSpan.FromMinutes(1));
            await PassAsync();
        }

        time.Advance(IncrementalCursor.SettleMargin + TimeSpan.FromMinutes(1));
        var idle = await PassAsync();

        Assert.Equal(1, idle.Listings);
        Assert.Equal(0, idle.Others);
        Assert.Equal((1, 1), idle.Shared.Counts);
    }
}
