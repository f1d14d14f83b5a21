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

    /// <summary>
    /// One voter takes back a 👍 and another gives one between passes: the counts (GitLab's award names, GitHub's rollup)
    /// stay as they were. GitLab announces each award with an Emoji Hook, so the issues it names are re-counted at once
    /// (the fast path), one award list each; GitHub sends no webhook for a reaction, so a delivery there (an edit, a
    /// comment) says nothing about votes and costs nothing more. Numbers of other projects, and of issues that do not
    /// exist, are reported and otherwise ignored.
    /// </summary>
    [Theory]
    [InlineData("gitlab", 2L, 1L, 1)]
    [InlineData("github", 0L, 0L, 0)]
    public async Task VotePass_AskedAboutIssues_RecountsThemAtOnceOnlyWhereAWebhookCanAnnounceAVote(string tracker, long recounted, long extraRequests, int bobCounted)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        var up = kind == TrackerKind.GitLab ? "thumbsup" : "+1";
        instance.CreateProject("acme/asked", isPrivate: false);
        foreach (var title in new[] { "One", "Two", "Three" })
        {
            instance.AddIssue("acme/asked", title, "", [], "carol.diaz", createdAt: Noon.AddDays(-3));
        }

        instance.AddAward("acme/asked", 3, up, "alice.martin", at: Noon.AddDays(-1));
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var store = harness.Store;
        var product = new ProductDefinition("p", new ProjectRef(tracker, "acme/asked"), []);
        var step = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);
        await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
        time.Advance(TimeSpan.FromMinutes(10));
        instance.RemoveAward("acme/asked", 3, up, "alice.martin");
        instance.AddAward("acme/asked", 3, up, "bob.chen");
        var before = harness.Counter.Snapshot().TotalFor(tracker);

        var context = new PipelineContext(product, DryRun: false, new WriteJournal())
        {
            RequestedIssues = new HashSet<IssueRef>
            {
                IssueRef.Parse($"{tracker}:acme/asked#3"), IssueRef.Parse($"{tracker}:acme/asked#1"),
                IssueRef.Parse($"{tracker}:acme/asked#99"), IssueRef.Parse($"{tracker}:acme/private#9"),
            },
        };
        var result = await step.RunAsync(context, ct);

        Assert.Contains($"asked about 3 issue(s): {tracker}:acme/asked#1, {tracker}:acme/asked#3, {tracker}:acme/asked#99", result.Lines);
        Assert.Equal(3, result.Metrics[RequestedIssues.Metric]);
        Assert.Equal(recounted, result.Metrics["recounted"]); // #1 and #3 on GitLab; #99 does not exist
        Assert.Equal(1 + extraRequests, harness.Counter.Snapshot().TotalFor(tracker) - before); // the bulk read, then #3's award list (#1 has none)
        var demand = (await DemandDocument.LoadAsync(store, "p", ct))[$"{tracker}:acme/asked#3"];
        Assert.Equal(bobCounted, demand.LastVotedAt.Keys.Count(k => k.Contains("bob", StringComparison.Ordinal)));
    }
}
