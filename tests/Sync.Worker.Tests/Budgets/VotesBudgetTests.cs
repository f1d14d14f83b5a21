using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Tests.Budgets;

/// <summary>
/// Vote passes over 10,000 open public issues, as exact request counts against the sandbox (which, like the real
/// trackers, does not bump an issue's <c>updated_at</c> for a vote): with no vote change, one bulk read of every open
/// issue's vote signal (GitHub: every listing page, each answered 304, which costs no rate limit; GitLab: every GraphQL
/// page) and nothing else; with k issues changed, at most k voter-list reads more.
/// </summary>
public sealed class VotesBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task VotePass_OverTenThousandOpenIssues_ReadsSignalsInBulkAndVotersOnlyForChangedIssues(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 10_000, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;

        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        // The first pass reads the voters of every issue with a vote (about 7,500 here): more than GitHub's 5,000 an hour,
        // which the client would wait out on a clock that only moves by hand. What is measured here is request counts.
        sandbox.Control.Limits.GitHubPerHour = 100_000_000;
        sandbox.Control.Limits.GitLabPerMinute = 100_000_000;
        lock (instance.Sync)
        {
            foreach (var closed in instance.Issues("acme/bulk").Where(i => i.Closed))
            {
                closed.Closed = false; // every one of the 10,000 open
            }
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var counter = harness.Counter;
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, "acme/bulk"), []);
        var step = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);

        async Task<(long Requests, long NotModified, long Recounted)> PassAsync()
        {
            time.Advance(TimeSpan.FromMinutes(15));
            var before = counter.Snapshot();
            var theirs = sandbox.Stats.Snapshot().ForInstance(instance.Name);
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            var after = counter.Snapshot();
            Assert.Equal(after.TotalFor(tracker) - before.TotalFor(tracker), sandbox.Stats.Snapshot().ForInstance(instance.Name) - theirs);
            return (after.TotalFor(tracker) - before.TotalFor(tracker), NotModified(after) - NotModified(before), result.Metrics["recounted"]);
        }

        long NotModified(RequestCountSnapshot snapshot) =>
            snapshot.Trackers.TryGetValue(tracker, out var counts) ? counts.ByStatus.Where(s => s.Key.Status == 304).Sum(s => s.Value) : 0;

        var first = await PassAsync();
        Assert.Equal(10_000, first.Recounted);
        var upBefore = (await DemandDocument.LoadAsync(harness.Store, "bulk", ct))[$"{tracker}:acme/bulk#39"].Up;

        // Nothing changed: the bulk read alone. GitHub: 100 pages of 100, each answered 304. GitLab: as many GraphQL pages as
        // its query complexity limit (250) allows issues a page (GitLabVoteSignalDocument).
        var pages = tracker == "github" ? 100 : (10_000 + GitLabVoteSignalDocument.IssuesPerPage - 1) / GitLabVoteSignalDocument.IssuesPerPage;
        Assert.Equal(tracker == "github" ? 100 : 625, pages); // GitLab: 16 issues a query (complexity 249 of 250)
        Assert.Equal((pages, tracker == "github" ? pages : 0L, 0L), await PassAsync());

        // 250 issues get a vote (no bump of updated_at): the same bulk read, plus each changed issue's voter list (GitHub's
        // rollup has counts only; GitLab's GraphQL awards have no id or time, so the stage reads them through REST).
        var changed = Enumerable.Range(1, 250).Select(i => (40 * i) - 1).ToList();
        var vote = kind == TrackerKind.GitLab ? "thumbsup_tone2" : "+1";
        foreach (var number in changed)
        {
            instance.AddAward("acme/bulk", number, vote, "zed.newvoter");
        }

        var changedPages = changed.Select(n => (n - 1) / 100).Distinct().Count();
        Assert.Equal(
            (pages + changed.Count, tracker == "github" ? pages - changedPages : 0L, 250L),
            await PassAsync());
        var demand = await DemandDocument.LoadAsync(harness.Store, "bulk", ct);
        Assert.Equal(upBefore + 1, demand[$"{tracker}:acme/bulk#39"].Up);
    }
}
