using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Votes;

/// <summary>
/// Votes that arrive or leave after the votes stage settled, with no other change to the issue: on the real trackers a
/// reaction leaves the issue's <c>updated_at</c> as it was, so only the vote signal itself can show them.
/// </summary>
public sealed class LateVoteTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <param name="requests">
    /// Requests of the pass that sees the change: GitLab, the GraphQL page (award names) and the changed issue's award
    /// list; GitHub, the listing page (answered 200, its ETag changed with the rollup) and the changed issue's reactions.
    /// </param>
    [Theory]
    [InlineData("gitlab", "thumbsup", 2)]
    [InlineData("gitlab", "thumbsup_tone3", 2)]
    [InlineData("github", "+1", 2)]
    public async Task VotePass_VoteAddedThenRemovedAfterTwoSettledPasses_IsCountedOnTheNextPass(string tracker, string vote, int requests)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        instance.CreateProject("acme/late", isPrivate: false);
        foreach (var title in new[] { "Dark mode", "Offline sync", "Export" })
        {
            instance.AddIssue("acme/late", title, "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-30));
        }

        instance.AddAward("acme/late", 1, vote, "alice.martin", at: Noon.AddDays(-2));
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var product = new ProductDefinition("late", new ProjectRef(tracker, "acme/late"), []);
        var step = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);

        async Task<(long Recounted, long Requests, int Up)> PassAsync()
        {
            time.Advance(TimeSpan.FromMinutes(15));
            var before = harness.Counter.Snapshot().TotalFor(tracker);
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            var demand = await DemandDocument.LoadAsync(harness.Store, "late", ct);
            return (result.Metrics["recounted"], harness.Counter.Snapshot().TotalFor(tracker) - before, demand[$"{tracker}:acme/late#2"].Up);
        }

        Assert.Equal(3, (await PassAsync()).Recounted); // the first pass counts every open issue
        Assert.Equal((0L, 1L, 0), await PassAsync()); // settled: the listing alone

        time.Advance(TimeSpan.FromMinutes(15));
        var updatedAt = instance.Issue("acme/late", 2).UpdatedAt;
        instance.AddAward("acme/late", 2, vote, "dan.late");
        Assert.Equal(updatedAt, instance.Issue("acme/late", 2).UpdatedAt); // the tracker does not bump the issue
        Assert.Equal((1L, (long)requests, 1), await PassAsync());
        Assert.Equal((0L, 1L, 1), await PassAsync());

        instance.RemoveAward("acme/late", 2, vote, "dan.late");
        Assert.Equal(updatedAt, instance.Issue("acme/late", 2).UpdatedAt);

        // Taken back: the signal shows no reaction left, so no voter list is read.
        Assert.Equal((1L, 1L, 0), await PassAsync());
    }

    [Theory]
    [InlineData("gitlab", "thumbsup")]
    [InlineData("github", "+1")]
    public async Task VotePass_VoteOnACommentAfterSettledPasses_IsCountedWhenCommentVotesCount(string tracker, string vote)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        instance.CreateProject("acme/late", isPrivate: false);
        instance.AddIssue("acme/late", "Dark mode", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-30));
        var note = instance.AddNote("acme/late", 1, "Yes, and a schedule.", "bob.chen");
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var product = new ProductDefinition("late", new ProjectRef(tracker, "acme/late"), []) { Votes = new VoteRules { CountCommentVotes = true } };
        var step = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);

        async Task<(long Recounted, int Up)> PassAsync()
        {
            time.Advance(TimeSpan.FromMinutes(15));
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            return (result.Metrics["recounted"], (await DemandDocument.LoadAsync(harness.Store, "late", ct))[$"{tracker}:acme/late#1"].Up);
        }

        Assert.Equal((1L, 0), await PassAsync());
        Assert.Equal((0L, 0), await PassAsync());

        var updatedAt = instance.Issue("acme/late", 1).UpdatedAt;
        instance.AddAward("acme/late", 1, vote, "frank.ops", noteId: note.Id);
        Assert.Equal(updatedAt, instance.Issue("acme/late", 1).UpdatedAt);
        Assert.Equal((1L, 1), await PassAsync());
        Assert.Equal((0L, 1), await PassAsync());
    }
    /// <summary>
    /// A change no signal shows (GitHub's rollup when one voter takes back a 👍 and another gives one: the counts stay as
    /// they were) is caught by the full re-count, which runs when the interval comes round or a maintainer asks for it.
    /// </summary>
    [Fact]
    public async Task VotePass_ChangeTheRollupHides_IsCaughtByTheIntervalOrAFullResync()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = sandbox.GitHub;
        instance.CreateProject("acme/late", isPrivate: false);
        instance.AddIssue("acme/late", "Dark mode", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-30));
        instance.AddIssue("acme/late", "Export", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-30));
        instance.AddAward("acme/late", 1, "+1", "alice.martin", at: Noon.AddDays(-2));
        await using var harness = await SandboxTrackerHarness.CreateAsync("github", TrackerKind.GitHub, instance, time, ct);
        var product = new ProductDefinition("late", new ProjectRef("github", "acme/late"), []) { Votes = new VoteRules { FullRecountEvery = TimeSpan.FromHours(6) } };
        var step = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);

        async Task<(long Recounted, int Voters)> PassAsync(TimeSpan after)
        {
            time.Advance(after);
            var result = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            return (result.Metrics["recounted"], (await DemandDocument.LoadAsync(harness.Store, "late", ct))["github:acme/late#1"].LastVotedAt.Count(v => v.Key.Contains("bob", StringComparison.Ordinal)));
        }

        Assert.Equal((2L, 0), await PassAsync(TimeSpan.FromMinutes(15)));
        instance.RemoveAward("acme/late", 1, "+1", "alice.martin");
        instance.AddAward("acme/late", 1, "+1", "bob.chen");

        Assert.Equal((0L, 0), await PassAsync(TimeSpan.FromMinutes(15))); // the rollup still says one 👍
        Assert.Equal((2L, 1), await PassAsync(TimeSpan.FromHours(6))); // the interval came round: every issue re-counted
        Assert.Equal((0L, 1), await PassAsync(TimeSpan.FromMinutes(15)));

        await VotesStep.RequestFullRecountAsync(harness.Store, "late", time.GetUtcNow(), ct);
        Assert.Equal((2L, 1), await PassAsync(TimeSpan.FromMinutes(15))); // a maintainer's full resync
        Assert.Equal((0L, 1), await PassAsync(TimeSpan.FromMinutes(15))); // asked once, done once
    }
}
