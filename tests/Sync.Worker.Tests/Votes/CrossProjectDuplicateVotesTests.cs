using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Votes;

/// <summary>
/// A duplicate closed into an issue of another project (GitLab's <c>closed_as_duplicate_of</c> names the canonical's own
/// project; GitHub's <c>duplicate_issue_id</c> takes any issue, with no "Duplicate of" comment): its voters join the
/// canonical only where this product counts it, never the issue of this project that happens to have the same number.
/// </summary>
public sealed class CrossProjectDuplicateVotesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("gitlab", "GET /projects/:id")]
    [InlineData("github", "POST /graphql")]
    public async Task Votes_DuplicateOfAnIssueInAProjectNobodyManages_StayOffTheSameNumberedIssueHere(string tracker, string canonicalRead)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.StartAsync(tracker, ct);
        var instance = world.Instance;
        instance.CreateProject("acme/elsewhere", isPrivate: false);
        var elsewhere = instance.AddIssue("acme/elsewhere", "The original, elsewhere", "", [], "carol.diaz", createdAt: Noon.AddDays(-9));
        var sameNumber = instance.AddIssue("acme/public", "Same number", "", [], "carol.diaz", createdAt: Noon.AddDays(-9));
        var duplicate = instance.AddIssue("acme/public", "The copy", "", [], "dev.patel", createdAt: Noon.AddDays(-8));
        world.Vote("acme/public", duplicate.Number, "bob.chen");
        Assert.Equal(elsewhere.Number, sameNumber.Number);
        world.CloseAsDuplicate(duplicate, elsewhere);

        var result = await world.VotesAsync(ct);

        var demand = await DemandDocument.LoadAsync(world.Harness.Store, "p", ct);
        Assert.Equal(0, demand[$"{tracker}:acme/public#{sameNumber.Number}"].Up);
        Assert.Contains($"#{duplicate.Number} was closed as a duplicate of {tracker}:acme/elsewhere#{elsewhere.Number}, which this product does not count: its votes stay with it", result.Lines);
        Assert.Equal(1, world.Requests(canonicalRead)); // the canonical's project (GitLab) or duplicate mark (GitHub), read once
    }

    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task Votes_DuplicateOfAPrivateSourceIssueMovedHere_JoinItsPublicCopy(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.StartAsync(tracker, ct);
        var instance = world.Instance;
        instance.CreateProject("acme/internal", isPrivate: true);
        var source = instance.AddIssue("acme/internal", "Offline mode (internal)", "", [], "carol.diaz", createdAt: Noon.AddDays(-20));
        var filler = instance.AddIssue("acme/public", "Same number as the source", "", [], "carol.diaz", createdAt: Noon.AddDays(-9));
        var copy = instance.AddIssue("acme/public", "Offline mode", "", [], "carol.diaz", createdAt: Noon.AddDays(-9));
        var duplicate = instance.AddIssue("acme/public", "Use the app offline", "", [], "dev.patel", createdAt: Noon.AddDays(-8));
        world.Vote("acme/public", copy.Number, "alice.martin");
        world.Vote("acme/public", duplicate.Number, "bob.chen");
        Assert.Equal(source.Number, filler.Number);
        await world.Harness.Store.SaveMoveAsync(
            new MoveRecord("p", $"{tracker}:acme/internal#{source.Number}", MoveState.Completed, $"{tracker}:acme/public#{copy.Number}", null, null, 1, Noon.AddDays(-9), Noon.AddDays(-9)),
            ct);
        world.CloseAsDuplicate(duplicate, source);

        var result = await world.VotesAsync(ct);

        var demand = await DemandDocument.LoadAsync(world.Harness.Store, "p", ct);
        Assert.Equal(2, demand[$"{tracker}:acme/public#{copy.Number}"].Up); // alice on the copy, bob on the duplicate
        Assert.Equal(0, demand[$"{tracker}:acme/public#{filler.Number}"].Up);
        Assert.DoesNotContain(result.Lines, l => l.Contains("does not count", StringComparison.Ordinal));
    }

    private sealed class World : IAsyncDisposable
    {
        private readonly SandboxServer _sandbox;
        private readonly FakeTimeProvider _time;
        private readonly string _tracker;
        private SandboxStatsSnapshot? _before;

        private World(SandboxServer sandbox, SandboxInstance instance, SandboxTrackerHarness harness, FakeTimeProvider time, string tracker) =>
            (_sandbox, Instance, Harness, _time, _tracker) = (sandbox, instance, harness, time, tracker);

        public SandboxInstance Instance { get; }

        public SandboxTrackerHarness Harness { get; }

        public static async Task<World> StartAsync(string tracker, CancellationToken ct)
        {
            var time = new FakeTimeProvider(Noon);
            var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
            var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
            instance.CreateProject("acme/public", isPrivate: false);
            var harness = await SandboxTrackerHarness.CreateAsync(tracker, tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub, instance, time, ct);
            return new World(sandbox, instance, harness, time, tracker);
        }

        public void Vote(string project, int number, string user) =>
            Instance.AddAward(project, number, _tracker == "gitlab" ? "thumbsup" : "+1", user, at: Noon.AddDays(-1));

        /// <summary>As the tracker records it: GitLab's link to the canonical, GitHub's duplicate mark (no comment).</summary>
        public void CloseAsDuplicate(Sandbox.Model.SandboxIssue duplicate, Sandbox.Model.SandboxIssue canonical)
        {
            duplicate.DuplicateOf = canonical;
            duplicate.StateReason = "duplicate";
            duplicate.Closed = true;
        }

        public async Task<StepResult> VotesAsync(CancellationToken ct)
        {
            var store = Harness.Store;
            var product = new ProductDefinition("p", new ProjectRef(_tracker, "acme/public"), []);
            var step = new VotesStep(Harness.Trackers, store, store, store, store, _time, p => p.Votes);
            _before = _sandbox.Stats.Snapshot();
            return await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
        }

        public long Requests(string endpoint) => _sandbox.Stats.Snapshot().For(Instance.Name, endpoint) - (_before?.For(Instance.Name, endpoint) ?? 0);

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await _sandbox.DisposeAsync();
        }
    }
}
