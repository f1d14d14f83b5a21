using Sync.Core.Releases;
using Sync.Sandbox;

namespace Sync.Worker.Tests.Releases;

/// <summary>
/// Release notes through the sandbox on both trackers, over real HTTP: a milestone that closes gets one notes issue,
/// which a pass with nothing changed leaves byte-identical and unwritten, another shipped issue edits in place, lost
/// state finds again by its marker, a lost create answer still leaves one, and a dry run lists the create and makes none.
/// </summary>
public sealed class ReleaseNotesSandboxTests
{
    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    private static string CreateKey(bool gitLab) => gitLab ? "POST /projects/:id/issues" : "POST /repos/:owner/:repo/issues";

    private static string EditKey(bool gitLab) => gitLab ? "PUT /projects/:id/issues/:iid" : "PATCH /repos/:owner/:repo/issues/:number";

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task MilestoneCloses_CreatesOnce_ThenIdles_ThenEditsWhenAnotherIssueShips(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var old = await world.MilestoneAsync("0.9", ct);
        var release = await world.MilestoneAsync("1.0", ct, due: new DateOnly(2026, 6, 30));
        await world.CloseMilestoneAsync(old, ct);
        var feature = await world.IssueAsync("Dark mode", release, 3, ct, daysOld: 60, labels: ["feature-request"]);
        var bug = await world.IssueAsync("Crash on start", release, 0, ct, daysOld: 3, labels: ["bug"]);
        var later = await world.IssueAsync("Themes", release, 1, ct, daysOld: 10, labels: ["enhancement"]);
        var dropped = await world.IssueAsync("Fax support", release, 5, ct, labels: world.GitLab ? ["candidate::not-planned"] : []);
        var elsewhere = await world.IssueAsync("Old thing", old, 0, ct);

        // First pass (the votes are counted while the issues are open): 0.9 was closed before release notes were on,
        // 1.0 is open: nothing is drafted, nothing written.
        var first = await world.PassAsync(ct);
        Assert.Empty(first.Writes);
        Assert.Empty(first.Outcome.Drafts);
        Assert.Empty(world.NotesIssues());
        world.Close(feature);
        world.Close(bug);
        world.Close(dropped, "not_planned");
        world.Close(elsewhere);

        // 1.0 closes. A dry run lists the create and writes nothing.
        await world.CloseMilestoneAsync(release, ct);
        var dry = await world.PassAsync(ct, dryRun: true);
        Assert.Empty(dry.Writes);
        var planned = Assert.Single(dry.Journal.Writes);
        Assert.Equal("create", planned.Action);
        Assert.StartsWith("Release notes: 1.0\n", planned.Detail, StringComparison.Ordinal);
        Assert.Empty(world.NotesIssues());

        // The real pass: exactly one create, the shipped issues grouped, the dropped and the open ones left out.
        var created = await world.PassAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [CreateKey(world.GitLab)] = 1 }, created.Writes);
        Assert.Equal(4, created.Requests); // the listing, the milestones, one look for its marker among every issue, the create
        var notes = Assert.Single(world.NotesIssues());
        Assert.Equal("Release notes: 1.0", notes.Title);
        Assert.Contains($"- [Dark mode](", notes.Description, StringComparison.Ordinal);
        Assert.True(notes.Description!.Contains(") — 👍 3 over 2 months\n", StringComparison.Ordinal), notes.Description);
        Assert.Contains("## bug\n\n- [Crash on start](", notes.Description, StringComparison.Ordinal);
        Assert.StartsWith("Milestone 1.0 (due 2026-06-30): 2 shipped issues.\n", notes.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Fax support", notes.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Themes", notes.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Old thing", notes.Description, StringComparison.Ordinal);
        Assert.Contains($"{world.Product.Public}: release notes 1.0: created #{notes.Number}", created.Outcome.Result.Lines);
        Assert.Equal(1, created.Outcome.Result.Metrics["releaseNotesCreated"]);
        var body = notes.Description;

        // Nothing changed: no write, the body byte-identical; the pass reads the listing and the milestones only.
        var idle = await world.PassAsync(ct);
        Assert.Empty(idle.Writes);
        Assert.Equal(2, idle.Requests);
        Assert.Equal(body, world.NotesIssues()[0].Description, StringComparer.Ordinal);
        Assert.Contains($"{world.Product.Public}: release notes 1.0: unchanged #{notes.Number}", idle.Outcome.Result.Lines);
        Assert.Equal(1, idle.Outcome.Result.Metrics["releaseNotesUnchanged"]);

        // Another issue of 1.0 ships: one edit in place, no second issue.
        world.Close(later);
        var edited = await world.PassAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [EditKey(world.GitLab)] = 1 }, edited.Writes);
        Assert.Equal(3, edited.Requests); // the listing, the milestones, the edit
        var after = Assert.Single(world.NotesIssues());
        Assert.Equal(notes.Number, after.Number);
        Assert.True(after.Description!.Contains(") — 👍 1 over 10 days\n\n## bug", StringComparison.Ordinal), after.Description);
        Assert.Contains("## enhancement\n\n- [Themes](", after.Description, StringComparison.Ordinal);
        Assert.Contains("3 shipped issues.", after.Description, StringComparison.Ordinal);
        Assert.Equal(1, edited.Outcome.Result.Metrics["releaseNotesEdited"]);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task StateLost_FindsTheNotesByTheirMarker_AndCreatesNothing(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var release = await world.MilestoneAsync("2.0", ct);
        var shipped = await world.IssueAsync("Export", release, 2, ct, labels: ["feature-request"]);
        world.Close(shipped);
        await world.PassAsync(ct);
        await world.CloseMilestoneAsync(release, ct);
        var created = await world.PassAsync(ct);
        Assert.Equal(1, created.Writes.GetValueOrDefault(CreateKey(world.GitLab)));
        var body = Assert.Single(world.NotesIssues()).Description;

        // Every document and cursor gone: the full listing finds the notes by their marker; nothing is written.
        await world.NewStateAsync(ct);
        var again = await world.PassAsync(ct);
        Assert.Empty(again.Writes);
        Assert.Equal(body, Assert.Single(world.NotesIssues()).Description, StringComparer.Ordinal);
        Assert.Equal("unchanged", Assert.Single(again.Outcome.Drafts).Outcome);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task NotesDocumentsDeleted_CursorKept_FindsTheNotesByMarker_AndCreatesNothing(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var release = await world.MilestoneAsync("2.1", ct);
        var shipped = await world.IssueAsync("Import", release, 0, ct);
        await world.PassAsync(ct);
        world.Close(shipped);
        await world.CloseMilestoneAsync(release, ct);
        await world.PassAsync(ct);
        var notes = Assert.Single(world.NotesIssues());

        // Only the notes' state documents are gone; the book and the cursor stay, so the notes issue is not listed.
        var kept = await world.Store.ListDocumentsAsync(ReleaseNotesWorld.ProductKey, ReleaseNotesState.Kind, ct);
        await world.Store.DeleteDocumentsAsync(ReleaseNotesWorld.ProductKey, ReleaseNotesState.Kind, [.. kept.Select(d => d.Key)], ct);
        var again = await world.PassAsync(ct, requested: ["2.1"]);

        Assert.Empty(again.Writes);
        Assert.Equal(notes.Number, Assert.Single(world.NotesIssues()).Number);
        Assert.Equal("unchanged", Assert.Single(again.Outcome.Drafts).Outcome);
    }

    [Theory]
    [InlineData("gitlab", SandboxFaultKind.CommitThenError)]
    [InlineData("gitlab", SandboxFaultKind.CommitThenDrop)]
    [InlineData("github", SandboxFaultKind.CommitThenError)]
    [InlineData("github", SandboxFaultKind.CommitThenDrop)]
    public async Task LostCreateAnswer_LeavesExactlyOneNotesIssue(string tracker, SandboxFaultKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var release = await world.MilestoneAsync("3.0", ct);
        var shipped = await world.IssueAsync("Search", release, 1, ct);
        world.Close(shipped);
        await world.PassAsync(ct);
        await world.CloseMilestoneAsync(release, ct);

        world.Sandbox.Control.InjectFault(world.Instance.Name, new SandboxFault(kind, Endpoint: CreateKey(world.GitLab)));
        var pass = await world.PassAsync(ct);

        Assert.Equal(0, world.Sandbox.Control.PendingFaults);
        var notes = Assert.Single(world.NotesIssues());
        Assert.Equal(1, pass.Writes[CreateKey(world.GitLab)]);
        Assert.Contains($"{world.Product.Public}: release notes 3.0: created #{notes.Number}", pass.Outcome.Result.Lines);

        // And the next pass knows it: no write.
        Assert.Empty((await world.PassAsync(ct)).Writes);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task RequestedMilestone_IsDraftedWhateverItsState_AndAnUnknownOneIsNamed(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var open = await world.MilestoneAsync("4.0", ct);
        await world.MilestoneAsync("4.1", ct);
        var shipped = await world.IssueAsync("Sharing", open, 0, ct);
        world.Close(shipped);

        var pass = await world.PassAsync(ct, requested: ["4.0", "9.9"]);

        Assert.Equal(new Dictionary<string, long> { [CreateKey(world.GitLab)] = 1 }, pass.Writes);
        Assert.Equal("Release notes: 4.0", Assert.Single(world.NotesIssues()).Title);
        Assert.Equal(["9.9"], pass.Outcome.Unknown);
        Assert.Equal(["4.0", "4.1"], pass.Outcome.Known.Order(StringComparer.Ordinal));
        Assert.Equal(
            $"{world.Product.Public}: release notes: no milestone '9.9'; known: 4.0, 4.1",
            ReleaseNotesStep.UnknownLine(world.Product.Public, "9.9", [.. pass.Outcome.Known.Order(StringComparer.Ordinal)]));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task MovedFromAPrivateSource_IsListedApart_WithItsPublicLinkOnly(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var source = new Sync.Core.Trackers.ProjectRef(tracker, "acme/private-dev");
        world.Instance.CreateProject(source.Path, isPrivate: true);
        world.Product = world.Product with { Sources = [new Sync.Core.Products.SourceRule(source)] };
        var release = await world.MilestoneAsync("5.0", ct);
        var moved = await world.IssueAsync("Faster start-up", release, 0, ct, labels: ["feature-request"]);
        var forum = await world.IssueAsync("Forum idea", release, 0, ct);
        var at = world.Time.GetUtcNow();
        await world.Store.SaveMoveAsync(new Sync.Core.Storage.MoveRecord(
            ReleaseNotesWorld.ProductKey, $"{source}#7", Sync.Core.Storage.MoveState.Completed, $"{world.Product.Public}#{moved}", null, null, 1, at, at), ct);
        await world.Store.SaveMoveAsync(new Sync.Core.Storage.MoveRecord(
            ReleaseNotesWorld.ProductKey, "csv:rel/import#1", Sync.Core.Storage.MoveState.Completed, $"{world.Product.Public}#{forum}", null, null, 1, at, at), ct);
        world.Close(moved);
        world.Close(forum);

        // The releases step alone (the votes step would read the moves' sources, which this test does not have).
        var before = world.Sandbox.Stats.Snapshot();
        await world.Step.DraftAsync(new Sync.Core.Pipeline.PipelineContext(world.Product, DryRun: false, new Sync.Core.Pipeline.WriteJournal()), ["5.0"], ct);

        Assert.Equal(new Dictionary<string, long> { [CreateKey(world.GitLab)] = 1 }, world.Sandbox.Stats.Snapshot().WritesSince(before, world.Instance.Name));
        var body = Assert.Single(world.NotesIssues()).Description!;
        Assert.True(body.Contains("## Other changes\n\n- [Forum idea](", StringComparison.Ordinal), body);
        Assert.Contains("## Moved from development\n\n- [Faster start-up](" + world.Instance.WebUrl, body, StringComparison.Ordinal);
        Assert.DoesNotContain("## feature-request", body, StringComparison.Ordinal);
        Assert.DoesNotContain("private-dev", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task StepRun_TakesTheDashboardsRequests_AndNamesAnUnknownMilestoneOnce(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync(tracker, ct);
        var release = await world.MilestoneAsync("6.0", ct);
        var shipped = await world.IssueAsync("Printing", release, 0, ct);
        world.Close(shipped);
        var at = world.Time.GetUtcNow();
        await world.Store.SaveDocumentsAsync([new ReleaseNotesRequest("6.0", "alice", at).ToStored(ReleaseNotesWorld.ProductKey), new ReleaseNotesRequest("7.0", "alice", at).ToStored(ReleaseNotesWorld.ProductKey)], ct);

        var result = await world.Step.RunAsync(new Sync.Core.Pipeline.PipelineContext(world.Product, DryRun: false, new Sync.Core.Pipeline.WriteJournal()), ct);

        Assert.Equal("Release notes: 6.0", Assert.Single(world.NotesIssues()).Title);
        Assert.Contains($"{world.Product.Public}: release notes: no milestone '7.0'; known: 6.0", result.Lines);
        Assert.Empty(await ReleaseNotesRequest.LoadAsync(world.Store, ReleaseNotesWorld.ProductKey, ct));
        var again = await world.Step.RunAsync(new Sync.Core.Pipeline.PipelineContext(world.Product, DryRun: false, new Sync.Core.Pipeline.WriteJournal()), ct);
        Assert.DoesNotContain(again.Lines, l => l.Contains("no milestone", StringComparison.Ordinal));
        Assert.Equal(1, again.Metrics["releaseNotesUnchanged"]);
    }
}
