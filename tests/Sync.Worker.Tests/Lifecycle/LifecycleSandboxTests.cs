using Sync.Core.Lifecycle;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Lifecycle;

/// <summary>
/// The voting lifecycle through the sandbox on both trackers over real HTTP, with exact write counts per path: a request
/// that reaches its votes, one that misses and is closed as not planned, late votes that reopen it, an exempt one, the
/// humans-win cases, a dry run and an unchanged rerun.
/// </summary>
public sealed class LifecycleSandboxTests
{
    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    private static LifecycleRules Rules() => new()
    {
        VotesNeeded = 3,
        WindowDays = 10,
        Since = LifecycleWorld.Noon.AddDays(-1),
    };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_ReachesMissesClosesAndLateVotesReopen_WithExactWrites(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var reaches = world.Issue("Dark mode", "feature-request");
        var misses = world.Issue("Export to CSV", "feature-request");
        var exempt = world.Issue("Planned already", "feature-request", "roadmap::next");
        var bug = world.Issue("Crash on start", "bug");

        // A dry run lists every write (label created, two labels, two comments) and the sandbox receives none.
        var dry = await world.PassAsync(ct, dryRun: true);
        Assert.Empty(dry.Writes);
        Assert.Contains(dry.Journal, w => w.Action == "label" && w.Target == $"{tracker}:{LifecycleWorld.Project}" && w.Detail.StartsWith("create label candidate::voting #FBCA04", StringComparison.Ordinal));
        Assert.Equal(2, dry.Journal.Count(w => w.Action == "label" && w.Detail == "+candidate::voting"));
        Assert.Equal(2, dry.Journal.Count(w => w.Action == "comment" && w.Detail.StartsWith("**Voting: this feature request needs 3 vote(s) by 2026-06-11.**", StringComparison.Ordinal)));
        Assert.Equal(5, dry.Journal.Count);
        Assert.Empty(await LifecycleEntry.LoadAsync(world.Store, "p", ct));

        // Start: the voting label created once, added to the two candidates, one comment each; exempt and bug untouched.
        var start = await world.PassAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [world.CreateLabel] = 1, [world.LabelWrite] = 2, [world.PostComment] = 2 }, start.Writes);
        Assert.Equal(["candidate::voting", "feature-request"], world.Labels(reaches));
        Assert.Equal(["candidate::voting", "feature-request"], world.Labels(misses));
        Assert.Equal(["feature-request", "roadmap::next"], world.Labels(exempt));
        Assert.Equal(["bug"], world.Labels(bug));
        Assert.Empty(world.Instance.Notes(LifecycleWorld.Project, exempt));
        var voting = world.Instance.Labels(LifecycleWorld.Project).Single(l => l.Name == "candidate::voting");
        Assert.Equal("Feature request collecting votes (kept by IssueSync)", voting.Description);
        Assert.Contains(world.GitLab ? "award this issue a 👍" : "add a 👍 reaction to this issue", world.OurComment(reaches), StringComparison.Ordinal);
        Assert.Equal(2, start.Result.Metrics["lifecycleStarted"]);
        Assert.Equal(2, start.Result.Metrics["lifecycleVoting"]);

        // Nothing changed: no write; once IssueSync's own writes are no longer new, the pass is the one listing request.
        Assert.Empty((await world.LifecycleAsync(ct)).Writes);
        var idle = await world.LifecycleAsync(ct);
        Assert.Empty(idle.Writes);
        Assert.Equal(1, idle.Requests);

        // Three votes: voting → backlog, one label change and the comment edited in place.
        world.Votes(reaches, 3);
        world.Votes(misses, 1);
        var reached = await world.PassAsync(ct);
        Assert.Equal(world.Writes(add: true, remove: true, state: false, (world.CreateLabel, 1), (world.EditComment, 1)), reached.Writes);
        Assert.Equal(["candidate::backlog", "feature-request"], world.Labels(reaches));
        Assert.StartsWith("**Reached 3 vote(s), 3 needed, on 2026-06-01: moved to the backlog.**", world.OurComment(reaches), StringComparison.Ordinal);
        Assert.Contains($"#{reaches} Dark mode: voting → backlog (3/3 votes)", reached.Result.Lines);
        Assert.Single(world.Instance.Notes(LifecycleWorld.Project, reaches), n => LifecycleComment.IsOurs(n.Body));

        // The window ends with 1 of 3: the comment edited first, then closed as not planned (label swapped), never locked.
        world.Time.Advance(TimeSpan.FromDays(10));
        var dryClose = await world.PassAsync(ct, dryRun: true);
        Assert.Empty(dryClose.Writes);
        Assert.Equal(
            ["edit", "label", "close"],
            dryClose.Journal.Select(w => w.Action).ToArray());
        Assert.Equal("close as not planned: +candidate::not-planned -candidate::voting", dryClose.Journal[^1].Detail);
        Assert.False(world.Read(misses).Closed);
        var closed = await world.PassAsync(ct);
        Assert.Equal(world.Writes(add: true, remove: true, state: true, (world.CreateLabel, 1), (world.EditComment, 1)), closed.Writes);
        var issue = world.Read(misses);
        Assert.True(issue.Closed);
        Assert.False(issue.Locked);
        Assert.Equal(["candidate::not-planned", "feature-request"], world.Labels(misses));
        if (!world.GitLab)
        {
            Assert.Equal("not_planned", issue.StateReason);
        }

        Assert.StartsWith("**Closed as not planned: 1 of 3 vote(s) when voting ended on 2026-06-11.**", world.OurComment(misses), StringComparison.Ordinal);
        Assert.Contains("2 more vote(s) reopen it", world.OurComment(misses), StringComparison.Ordinal);
        Assert.Equal(1, closed.Result.Metrics["lifecycleClosed"]);
        var audit = await world.Store.ListAuditAsync("p", 50, ct);
        Assert.Contains(audit, a => a.Action == AuditActions.Close && a.Target.EndsWith($"#{misses}", StringComparison.Ordinal));

        // Unchanged: the closed issue is counted again, but nothing is written.
        Assert.Empty((await world.PassAsync(ct)).Writes);

        // A late vote: the comment's "X more" follows (one edit), the issue stays closed.
        world.Votes(misses, 1);
        var recount = await world.PassAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [world.EditComment] = 1 }, recount.Writes);
        Assert.Contains("It has 2 vote(s) now. 1 more vote(s) reopen it", world.OurComment(misses), StringComparison.Ordinal);
        Assert.True(world.Read(misses).Closed);

        // Another: the threshold is reached, so it is reopened into the backlog and the comment says how many were missing.
        world.Votes(misses, 1);
        var dryReopen = await world.PassAsync(ct, dryRun: true);
        Assert.Empty(dryReopen.Writes);
        Assert.Equal(["edit", "reopen"], dryReopen.Journal.Select(w => w.Action).ToArray());
        Assert.True(world.Read(misses).Closed);
        var reopened = await world.PassAsync(ct);
        Assert.Equal(world.Writes(add: true, remove: true, state: true, (world.EditComment, 1)), reopened.Writes);
        Assert.False(world.Read(misses).Closed);
        Assert.Equal(["candidate::backlog", "feature-request"], world.Labels(misses));
        Assert.Contains("late votes reached 3 of 3", world.OurComment(misses), StringComparison.Ordinal);
        Assert.Contains("with 1 vote(s); 2 more were needed", world.OurComment(misses), StringComparison.Ordinal);
        Assert.Equal(1, reopened.Result.Metrics["lifecycleReopened"]);
        audit = await world.Store.ListAuditAsync("p", 50, ct);
        Assert.Contains(audit, a => a.Action == AuditActions.Reopen && a.Target.EndsWith($"#{misses}", StringComparison.Ordinal));
        Assert.Single(world.Instance.Notes(LifecycleWorld.Project, misses), n => LifecycleComment.IsOurs(n.Body));

        // Decided: more votes, more time, nothing more.
        world.Votes(misses, 2);
        world.Time.Advance(TimeSpan.FromDays(30));
        Assert.Empty((await world.PassAsync(ct)).Writes);
        Assert.Empty((await world.PassAsync(ct)).Writes);
        Assert.Equal(LifecyclePhase.Reopened, (await world.EntryAsync(misses, ct)).Phase);
        Assert.Equal(LifecyclePhase.Backlog, (await world.EntryAsync(reaches, ct)).Phase);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_HumansWin_ClosedOrUnlabelledIsLeftAlone_PlannedLosesTheVotingLabelOnce(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var closedByHuman = world.Issue("Closed by a maintainer", "feature-request");
        var unlabelled = world.Issue("Unlabelled by a maintainer", "feature-request");
        var planned = world.Issue("Planned by a maintainer", "feature-request");
        var reopenedByHuman = world.Issue("Reopened by a maintainer", "feature-request");
        await world.PassAsync(ct);

        // The window of the fourth one ends: IssueSync closes it. A maintainer then reopens it.
        await world.HumanEditsAsync(closedByHuman, new IssueEdit(State: IssueState.Closed), ct);
        await world.HumanEditsAsync(unlabelled, new IssueEdit(RemoveLabels: ["candidate::voting"]), ct);
        await world.HumanEditsAsync(planned, new IssueEdit(AddLabels: ["roadmap::now"]), ct);
        var stop = await world.PassAsync(ct);

        // Only the planned one is written to: its voting label removed and its comment edited, once.
        Assert.Equal(world.Writes(add: false, remove: true, state: false, (world.EditComment, 1)), stop.Writes);
        Assert.Equal(["feature-request", "roadmap::now"], world.Labels(planned));
        Assert.StartsWith("**Voting ended on 2026-06-01: a maintainer planned this.**", world.OurComment(planned), StringComparison.Ordinal);
        Assert.Equal(3, stop.Result.Metrics["lifecycleStopped"]);
        Assert.Equal(["feature-request"], world.Labels(unlabelled));
        Assert.True(world.Read(closedByHuman).Closed);

        world.Time.Advance(TimeSpan.FromDays(11));
        var close = await world.PassAsync(ct);
        Assert.True(world.Read(reopenedByHuman).Closed);
        Assert.Equal(1, close.Result.Metrics["lifecycleClosed"]);
        await world.HumanEditsAsync(reopenedByHuman, new IssueEdit(State: IssueState.Open), ct);
        world.Votes(reopenedByHuman, 5);
        world.Votes(closedByHuman, 5);
        world.Votes(unlabelled, 5);
        world.Votes(planned, 5);

        // Never touched again, whatever the votes and the labels say.
        var after = await world.PassAsync(ct);
        Assert.Empty(after.Writes);
        Assert.Equal(1, after.Result.Metrics["lifecycleStopped"]);
        Assert.Empty((await world.PassAsync(ct)).Writes);
        foreach (var number in new[] { closedByHuman, unlabelled, planned, reopenedByHuman })
        {
            Assert.Equal(LifecyclePhase.Stopped, (await world.EntryAsync(number, ct)).Phase);
        }

        Assert.False(world.Read(reopenedByHuman).Closed);
        Assert.Equal(["candidate::not-planned", "feature-request"], world.Labels(reopenedByHuman));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_RequestArrivingWithEnoughVotes_GoesStraightToTheBacklog_WithOneLabelAndOneComment(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var popular = world.Issue("Moved in from the forum", "feature-request");
        world.Votes(popular, 4);

        var first = await world.PassAsync(ct);

        Assert.Equal(world.Writes(add: true, remove: false, state: false, (world.CreateLabel, 1), (world.PostComment, 1)), first.Writes);
        Assert.Equal(["candidate::backlog", "feature-request"], world.Labels(popular));
        var comment = world.OurComment(popular);
        Assert.StartsWith("**Reached 4 vote(s), 3 needed, on 2026-06-01: moved to the backlog.**", comment, StringComparison.Ordinal);
        Assert.Contains("It had enough votes when it arrived, so it needed no voting window.", comment, StringComparison.Ordinal);
        Assert.Contains($"#{popular} Moved in from the forum: new → backlog, enough votes on arrival (4/3 votes)", first.Result.Lines);
        Assert.Equal(LifecyclePhase.Backlog, (await LifecycleEntry.LoadAsync(world.Store, "p", ct))[popular].Phase);
        Assert.Empty((await world.PassAsync(ct)).Writes);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_WithoutSince_LeavesTheExistingBacklogAndTakesOnlyNewRequests(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, new LifecycleRules { VotesNeeded = 3 }, ct);
        var existing = world.Issue("Old request", "feature-request");

        // A dry run first stores nothing: the real first run is when the lifecycle starts.
        world.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await world.PassAsync(ct, dryRun: true)).Journal);
        Assert.Empty((await world.PassAsync(ct)).Writes);
        var fresh = world.Issue("New request", "feature-request");
        var pass = await world.PassAsync(ct);

        Assert.Equal(new Dictionary<string, long> { [world.CreateLabel] = 1, [world.LabelWrite] = 1, [world.PostComment] = 1 }, pass.Writes);
        Assert.Equal(["feature-request"], world.Labels(existing));
        Assert.Equal(["candidate::voting", "feature-request"], world.Labels(fresh));
    }
}
