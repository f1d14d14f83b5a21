using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Votes;

/// <summary>The votes step told which issues its run was asked about (by webhook deliveries or the dashboard).</summary>
public sealed class VotesRequestedIssuesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task VotePass_AskedAboutIssues_RecountsThoseOfThePublicProject_AtNoExtraRequestWhenTheyHaveNoVote()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        sandbox.GitHub.CreateProject("acme/asked", isPrivate: false);
        foreach (var title in new[] { "One", "Two", "Three" })
        {
            sandbox.GitHub.AddIssue("acme/asked", title, "", [], "carol.diaz", createdAt: Noon.AddDays(-3));
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync("github", TrackerKind.GitHub, sandbox.GitHub, time, ct);
        var store = harness.Store;
        var product = new ProductDefinition("p", new ProjectRef("github", "acme/asked"), []);
        var step = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);
        await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
        time.Advance(TimeSpan.FromMinutes(10));
        var before = sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name);

        var context = new PipelineContext(product, DryRun: false, new WriteJournal())
        {
            RequestedIssues = new HashSet<IssueRef> { IssueRef.Parse("github:acme/asked#3"), IssueRef.Parse("github:acme/asked#1"), IssueRef.Parse("github:acme/private#9") },
        };
        var result = await step.RunAsync(context, ct);

        Assert.Contains("asked about 2 issue(s): github:acme/asked#1, github:acme/asked#3", result.Lines);
        Assert.Equal(2, result.Metrics[RequestedIssues.Metric]);
        Assert.Equal(2, result.Metrics["recounted"]); // re-counted whatever their signal says (an Emoji Hook's fast path)
        Assert.Equal(1, sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name) - before); // the listing; their rollups show no reaction, so no voter list is read
    }
}
