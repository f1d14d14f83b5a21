using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Tests.Votes;

/// <summary>
/// The pass after a pass that wrote (RICE labels and comments, the roadmap issue, board labels) sees only IssueSync's own
/// changes: each stage makes one listing of the project (one page here, except GitLab's vote signals: 16 issues a GraphQL page), and no per-issue read.
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

        // One listing each: RICE and the roadmap one REST page (40 issues); the votes' bulk read one page on GitHub and, on
        // GitLab, as many GraphQL pages as 40 issues take at 16 a query (GitLab's complexity limit sets the page size).
        var second = await PassAsync();
        var voteSignalPages = kind == TrackerKind.GitLab ? (40 + GitLabVoteSignalDocument.IssuesPerPage - 1) / GitLabVoteSignalDocument.IssuesPerPage : 1;
        Assert.Equal([("votes", (long)voteSignalPages, 0L), ("rice", 1L, 0L), ("roadmap", 1L, 0L)], second);
    }
}
