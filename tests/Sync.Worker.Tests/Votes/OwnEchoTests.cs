using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Votes;

/// <summary>
/// The pass after a pass that wrote (RICE labels and comments, the roadmap issue, board labels) sees only IssueSync's own
/// changes: each stage makes at most one listing request of the project, and no per-issue read.
/// </summary>
public sealed class OwnEchoTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task PassAfterAPassThatWrote_MakesOneListingRequestPerStage(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time, EnforceRateLimits = false }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        var up = kind == TrackerKind.GitLab ? "thumbsup" : "+1";
        instance.CreateProject("acme/echo", isPrivate: false);
        for (var n = 1; n <= 40; n++)
        {
            var issue = instance.AddIssue("acme/echo", $"Request {n}", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-60));
            for (var v = 0; v < n % 7; v++)
            {
                instance.AddAward("acme/echo", issue.Number, up, $"voter{v}", at: Noon.AddDays(-3));
            }
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
        var store = harness.Store;
        var product = new ProductDefinition("echo", new ProjectRef(tracker, "acme/echo"), []) { Rice = new RiceRules(), Roadmap = new RoadmapRules() };
        IPipelineStep[] steps =
        [
            new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes),
            new RiceStep(harness.Trackers, store, store, store, time, p => p.Rice),
            new RoadmapStep(harness.Trackers, store, store, store, store, new NoProjectBoards(), time, p => p.Roadmap),
        ];

        async Task<(string Step, long Requests, long Writes)[]> PassAsync()
        {
            var counts = new List<(string, long, long)>();
            foreach (var step in steps)
            {
                time.Advance(TimeSpan.FromMinutes(2));
                var before = harness.Counter.Snapshot().TotalFor(tracker);
                var stats = sandbox.Stats.Snapshot();
                await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
                counts.Add((step.Name, harness.Counter.Snapshot().TotalFor(tracker) - before, sandbox.Stats.Snapshot().WritesSince(stats, instance.Name).Values.Sum()));
            }

            return [.. counts];
        }

        // The first pass writes ~120 times on a clock that does not move: the trackers' write ceilings are off here (pacing
        // has its own tests), so that pass is not refused.
        var first = await PassAsync();
        Assert.True(first.Sum(s => s.Writes) > 40, string.Join(", ", first)); // labels, RICE comments, the roadmap issue

        var second = await PassAsync();
        Assert.Equal([("votes", 1L, 0L), ("rice", 1L, 0L), ("roadmap", 1L, 0L)], second);
    }

    private sealed class NoProjectBoards : IProjectBoards
    {
        public Task<IReadOnlyList<string>> SyncAsync(string tracker, ProjectBoardTarget target, IReadOnlyDictionary<long, string> optionByIssue, bool dryRun, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No Projects v2 board is configured in these tests.");
    }
}
