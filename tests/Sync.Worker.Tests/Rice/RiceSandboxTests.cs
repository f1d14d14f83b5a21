using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Rice;

/// <summary>
/// RICE through the sandbox on both trackers with exact write counts: labels created with colour and description,
/// one bucket label per issue, one comment edited in place, the override, needs-input, repairs after human edits,
/// a dry run, and an unchanged rerun that writes nothing.
/// </summary>
public sealed class RiceSandboxTests
{
    private const string Project = "acme/rice";
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task RicePass_LabelsAndCommentsEveryOpenIssue_ThenWritesOnlyWhatChanged(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules { ReachLabels = new Dictionary<string, double> { ["customer"] = 5 } }, ct);
        var gitLab = world.Kind == TrackerKind.GitLab;
        var darkMode = world.Issue("Dark mode", 10, "impact::2", "confidence::80", "effort::0.5"); // 10 × 2 × 0.8 ÷ 0.5 = 32: high
        var sso = world.Issue("SSO", 20, "impact::3", "confidence::100", "effort::1", "customer"); // (20 + 5) × 3 × 1 ÷ 1 = 75: top
        var typo = world.Issue("Typo", 2, "impact::0.25", "effort::2"); // 2 × 0.25 × 0.5 (default) ÷ 2 = 0.125: low
        var export = world.Issue("Export", 3, "confidence::80"); // no impact, no effort: needs input
        var manual = world.Issue("Pinned by a PM", 30, "impact::1", "effort::1", "rice::manual", "rice::low"); // 15: medium, but manual
        var weighted = gitLab
            ? world.Issue("Audit log", 40, "impact::1", "confidence::50") // GitLab weight 2 as effort: 40 × 1 × 0.5 ÷ 2 = 10: medium
            : world.Issue("Audit log", 40, "impact::1", "confidence::50", "effort::2");
        if (gitLab)
        {
            world.Instance.Premium = true; // weight is a Premium field: on Free the issue carries none
            world.Instance.Issue(Project, weighted).Weight = 2;
        }

        var closed = world.Issue("Shipped", 50, "impact::3", "effort::1");
        world.Instance.Issue(Project, closed).Closed = true;

        // Votes first, then a dry run: every write is listed, none is made.
        await world.VotesAsync(ct);
        var dry = await world.RiceAsync(ct, dryRun: true);
        Assert.Empty(dry.Writes);
        Assert.Contains(dry.Journal, w => w.Action == "label" && w.Target.EndsWith($"#{sso}", StringComparison.Ordinal) && w.Detail == "+rice::top");
        Assert.Contains(dry.Journal, w => w.Action == "label" && w.Target == $"{tracker}:{Project}" && w.Detail.StartsWith("create label rice::top #B60205", StringComparison.Ordinal));
        Assert.Equal(6, dry.Journal.Count(w => w.Action == "comment"));

        // First pass: 4 labels created (rice::low already exists), 5 bucket labels, 6 comments. The closed issue is left alone.
        var first = await world.RiceAsync(ct);
        var labelWrite = gitLab ? "PUT /projects/:id/issues/:iid" : "POST /repos/:owner/:repo/issues/:number/labels";
        var createLabel = gitLab ? "POST /projects/:id/labels" : "POST /repos/:owner/:repo/labels";
        var postComment = gitLab ? "POST /projects/:id/issues/:iid/notes" : "POST /repos/:owner/:repo/issues/:number/comments";
        Assert.Equal(new Dictionary<string, long> { [createLabel] = 4, [labelWrite] = 5, [postComment] = 6 }, first.Writes);
        Assert.Equal(["rice::high"], world.BucketLabels(darkMode));
        Assert.Equal(["rice::top"], world.BucketLabels(sso));
        Assert.Equal(["rice::low"], world.BucketLabels(typo));
        Assert.Equal(["rice::needs-input"], world.BucketLabels(export));
        Assert.Equal(["rice::low", "rice::manual"], world.BucketLabels(manual));
        Assert.Equal(["rice::medium"], world.BucketLabels(weighted));
        Assert.Equal(["impact::3", "effort::1"], world.Instance.Issue(Project, closed).Labels);
        var top = world.Instance.Labels(Project).Single(l => l.Name == "rice::top");
        Assert.Equal(("B60205", "RICE score in the top bucket (kept by IssueSync)"), (top.Color.TrimStart('#').ToUpperInvariant(), top.Description));
        Assert.Contains("= **32**", world.OurComment(darkMode), StringComparison.Ordinal);
        Assert.Contains("Missing: impact and effort", world.OurComment(export), StringComparison.Ordinal);
        Assert.Contains(gitLab ? "issue weight 2" : "label `effort::2`", world.OurComment(weighted), StringComparison.Ordinal);
        Assert.Contains("`rice::manual` is set", world.OurComment(manual), StringComparison.Ordinal);
        Assert.Contains("top 1, high 1, medium 2, low 1, needs input 1; 1 manual", first.Lines[0], StringComparison.Ordinal);

        // Nothing changed: nothing written. The pass after that (IssueSync's own writes no longer new) is one listing request.
        Assert.Empty((await world.RiceAsync(ct)).Writes);
        var idle = await world.RiceAsync(ct);
        Assert.Empty(idle.Writes);
        Assert.Equal(1, idle.Requests);

        // A human adds a second bucket label: one write removes it, the comment is untouched.
        await world.HumanEditsAsync(darkMode, add: ["rice::low"], remove: [], ct);
        var repair = await world.RiceAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [gitLab ? labelWrite : "DELETE /repos/:owner/:repo/issues/:number/labels/:name"] = 1 }, repair.Writes);
        Assert.Equal(["rice::high"], world.BucketLabels(darkMode));

        // A human halves the effort: the bucket changes (one label write on GitLab, add + remove on GitHub) and the
        // comment is edited in place, never posted again.
        await world.HumanEditsAsync(darkMode, add: ["effort::0.25"], remove: ["effort::0.5"], ct);
        var rescored = await world.RiceAsync(ct);
        var editComment = gitLab ? "PUT /projects/:id/issues/:iid/notes/:note_id" : "PATCH /repos/:owner/:repo/issues/comments/:comment_id";
        Assert.Equal(
            gitLab
                ? new Dictionary<string, long> { [labelWrite] = 1, [editComment] = 1 }
                : new Dictionary<string, long> { [labelWrite] = 1, ["DELETE /repos/:owner/:repo/issues/:number/labels/:name"] = 1, [editComment] = 1 },
            rescored.Writes);
        Assert.Equal(["rice::top"], world.BucketLabels(darkMode));
        Assert.Contains("= **64**", world.OurComment(darkMode), StringComparison.Ordinal);

        // One more voter changes the reach but not the bucket: the comment alone is edited.
        world.Vote(typo, "late.voter");
        await world.VotesAsync(ct);
        Assert.Equal(new Dictionary<string, long> { [editComment] = 1 }, (await world.RiceAsync(ct)).Writes);
        Assert.Contains("| Reach | 3 |", world.OurComment(typo), StringComparison.Ordinal);

        // Still exactly one IssueSync comment per open issue, and the score is kept for the roadmap.
        foreach (var number in new[] { darkMode, sso, typo, export, manual, weighted })
        {
            Assert.Single(world.Instance.Notes(Project, number), n => RiceComment.IsOurs(n.Body));
        }

        var book = await RiceEntry.LoadAsync(world.Store, "p", ct);
        Assert.Equal(64, book[darkMode].Score!.Score);
        Assert.Equal(RiceBucket.Top, book[darkMode].Bucket);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task NeedsInput_PastTheReminderDays_GetsOneReminderInItsComment_AndTheLabel_UntilItsInputsArrive(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules { NeedsInputReminderDays = 14, NeedsInputReminderLabel = "awaiting-input" }, ct);
        var gitLab = world.Kind == TrackerKind.GitLab;
        var export = world.Issue("Export", 3, "confidence::80"); // no impact, no effort: needs input
        var scored = world.Issue("Dark mode", 2, "impact::2", "effort::1");
        await world.VotesAsync(ct);
        await world.RiceAsync(ct);
        Assert.DoesNotContain("Reminder", world.OurComment(export), StringComparison.Ordinal);

        // 14 days is not more than 14 days: nothing is due yet, and nothing is written.
        world.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(10));
        Assert.Empty((await world.RiceAsync(ct)).Writes);

        // Past it: one comment edit names what is missing, and one label write (the label created first). Never a new comment.
        world.Advance(TimeSpan.FromMinutes(1));
        var due = await world.RiceAsync(ct);
        var labelWrite = gitLab ? "PUT /projects/:id/issues/:iid" : "POST /repos/:owner/:repo/issues/:number/labels";
        var createLabel = gitLab ? "POST /projects/:id/labels" : "POST /repos/:owner/:repo/labels";
        var editComment = gitLab ? "PUT /projects/:id/issues/:iid/notes/:note_id" : "PATCH /repos/:owner/:repo/issues/comments/:comment_id";
        Assert.Equal(new Dictionary<string, long> { [createLabel] = 1, [labelWrite] = 1, [editComment] = 1 }, due.Writes);
        Assert.Contains("**Reminder:** this issue has needed input since 2026-06-01, more than 14 day(s). Still missing: impact and effort.", world.OurComment(export), StringComparison.Ordinal);
        Assert.Contains("awaiting-input", world.Instance.Issue(Project, export).Labels);
        Assert.DoesNotContain("awaiting-input", world.Instance.Issue(Project, scored).Labels);
        Assert.DoesNotContain("Reminder", world.OurComment(scored), StringComparison.Ordinal);
        Assert.Contains(due.Lines, l => l.Contains("1 issue(s) have needed input for more than 14 days", StringComparison.Ordinal));
        Assert.Single(world.Instance.Notes(Project, export), n => RiceComment.IsOurs(n.Body));

        // One reminder: a week later nothing more is written.
        world.Advance(TimeSpan.FromDays(7));
        Assert.Empty((await world.RiceAsync(ct)).Writes);

        // The inputs arrive: the label goes, the comment shows the score without the reminder.
        await world.HumanEditsAsync(export, add: ["impact::1", "effort::1"], remove: [], ct);
        var answered = await world.RiceAsync(ct);
        Assert.DoesNotContain("awaiting-input", world.Instance.Issue(Project, export).Labels);
        Assert.DoesNotContain("Reminder", world.OurComment(export), StringComparison.Ordinal);
        Assert.Equal(1, answered.Writes[editComment]);
        var book = await RiceEntry.LoadAsync(world.Store, "p", ct);
        Assert.Null(book[export].NeedsInputSince);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task VotingCandidate_IsNotScoredUntilTheLifecycleMovesItToTheBacklog(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules(), ct, lifecycle: new Sync.Core.Lifecycle.LifecycleRules());
        var candidate = world.Issue("Offline mode", 4, "feature-request", "candidate::voting", "impact::2", "effort::1");
        var request = world.Issue("Dark mode", 2, "feature-request", "impact::2", "effort::1");
        await world.VotesAsync(ct);

        var first = await world.RiceAsync(ct);

        Assert.Empty(world.BucketLabels(candidate));
        Assert.DoesNotContain(world.Instance.Notes(Project, candidate), n => RiceComment.IsOurs(n.Body));
        Assert.Equal(["rice::low"], world.BucketLabels(request)); // 2 × 2 × 0.5 ÷ 1 = 2
        Assert.Contains("1 open issue(s) scored", first.Lines[0], StringComparison.Ordinal);

        await world.HumanEditsAsync(candidate, add: ["candidate::backlog"], remove: ["candidate::voting"], ct);
        await world.RiceAsync(ct);

        Assert.Equal(["rice::low"], world.BucketLabels(candidate)); // 4 × 2 × 0.5 ÷ 1 = 4
        Assert.Single(world.Instance.Notes(Project, candidate), n => RiceComment.IsOurs(n.Body));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task ReleaseNotesIssue_IsNeverScored(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules(), ct);
        var notes = world.Instance.AddIssue(Project, "Release notes: v2.3", "Shipped.\n\n" + Sync.Core.Releases.ReleaseNotesText.Marker("p", 7), [], "issuesync-bot", createdAt: Noon).Number;
        var request = world.Issue("Dark mode", 2, "impact::2", "effort::1");
        await world.VotesAsync(ct);

        var pass = await world.RiceAsync(ct);

        Assert.Empty(world.BucketLabels(notes));
        Assert.DoesNotContain(world.Instance.Notes(Project, notes), n => RiceComment.IsOurs(n.Body));
        Assert.Equal(["rice::low"], world.BucketLabels(request));
        Assert.Contains("1 open issue(s) scored", pass.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RicePass_OnGitLabFree_WithoutWeight_TakesEffortFromTheLabelOrAsksForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync("gitlab", new RiceRules(), ct);
        var labelled = world.Issue("Audit log", 40, "impact::1", "confidence::50", "effort::4"); // 40 × 1 × 0.5 ÷ 4 = 5
        var bare = world.Issue("Export", 40, "impact::1", "confidence::50");
        world.Instance.Issue(Project, labelled).Weight = 2; // stored, but a Free instance does not show it
        world.Instance.Issue(Project, bare).Weight = 2;

        await world.VotesAsync(ct);
        await world.RiceAsync(ct);

        Assert.Contains("label `effort::4`", world.OurComment(labelled), StringComparison.Ordinal);
        Assert.DoesNotContain("weight", world.OurComment(labelled), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["rice::needs-input"], world.BucketLabels(bare));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task RicePass_WithLostState_FindsItsCommentsByMarkerAndWritesNothing(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var rules = new RiceRules();
        int first, second;
        await using (var world = await World.CreateAsync(tracker, rules, ct, sandbox, time))
        {
            first = world.Issue("Dark mode", 10, "impact::2", "effort::1");
            second = world.Issue("Export", 1);
            world.Instance.AddNote(Project, first, "A human comment.", "bob.chen");
            await world.VotesAsync(ct);
            Assert.NotEmpty((await world.RiceAsync(ct)).Writes);
        }

        // A new state store (a crash before the state was saved, or a lost volume) against the same project.
        await using var fresh = await World.CreateAsync(tracker, rules, ct, sandbox, time);
        await fresh.VotesAsync(ct);
        var rerun = await fresh.RiceAsync(ct);
        Assert.Empty(rerun.Writes);
        Assert.Single(fresh.Instance.Notes(Project, first), n => RiceComment.IsOurs(n.Body));
        Assert.Single(fresh.Instance.Notes(Project, second), n => RiceComment.IsOurs(n.Body));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task RicePass_InPercentileMode_SplitsTenIssuesOneTwoThreeFour(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules { Mode = nameof(RiceBucketMode.Percentiles), Comment = false }, ct);
        var numbers = Enumerable.Range(1, 10).Select(i => world.Issue($"Idea {i}", i, "impact::1", "effort::1")).ToList();
        await world.VotesAsync(ct);

        var pass = await world.RiceAsync(ct);

        // 10 voters is the best-ranked issue.
        Assert.Equal(["rice::top"], world.BucketLabels(numbers[9]));
        Assert.Equal(
            new[] { "top", "high", "high", "medium", "medium", "medium", "low", "low", "low", "low" },
            numbers.AsEnumerable().Reverse().Select(n => Assert.Single(world.BucketLabels(n))["rice::".Length..]).ToArray());
        Assert.DoesNotContain(pass.Writes.Keys, k => k.Contains("comments", StringComparison.Ordinal) || k.Contains("notes", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task RicePass_InPercentileMode_ZeroScoresAreLowAndOnlyPositiveScoresAreRanked(string tracker)
    {
        // The demo's case (issue 18): votes older than the window give reach 0, so a score of 0, all tied at rank 0.
        var ct = TestContext.Current.CancellationToken;
        await using var world = await World.CreateAsync(tracker, new RiceRules { Mode = nameof(RiceBucketMode.Percentiles), Comment = false }, ct);
        var stale = Enumerable.Range(1, 3).Select(i => world.Issue($"Old idea {i}", 0, "impact::3", "effort::1")).ToList();
        foreach (var (number, i) in stale.Select((n, i) => (n, i)))
        {
            world.Instance.AddAward(Project, number, world.Kind == TrackerKind.GitLab ? "thumbsup" : "+1", $"old-voter{i}", at: Noon.AddDays(-365));
        }

        var fresh = world.Issue("New idea", 1, "impact::0.25", "effort::1");
        await world.VotesAsync(ct);

        await world.RiceAsync(ct);

        Assert.All(stale, n => Assert.Equal(["rice::low"], world.BucketLabels(n)));
        Assert.Equal(["rice::top"], world.BucketLabels(fresh));
    }

    /// <summary>One sandbox project, IssueSync's client and store for it, and the votes and RICE steps.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly SandboxServer? _ownedSandbox;
        private readonly SandboxTrackerHarness _harness;
        private readonly ProductDefinition _product;
        private readonly VotesStep _votes;
        private readonly RiceStep _rice;
        private readonly FakeTimeProvider _time;
        private readonly SandboxServer _sandbox;
        private int _voter;

        private World(SandboxServer sandbox, SandboxServer? owned, SandboxInstance instance, TrackerKind kind, SandboxTrackerHarness harness, ProductDefinition product, FakeTimeProvider time)
        {
            _sandbox = sandbox;
            _ownedSandbox = owned;
            Instance = instance;
            Kind = kind;
            _harness = harness;
            _product = product;
            _time = time;
            _votes = new VotesStep(harness.Trackers, harness.Store, harness.Store, harness.Store, harness.Store, time, p => p.Votes);
            _rice = new RiceStep(harness.Trackers, harness.Store, harness.Store, harness.Store, time, p => p.Rice);
        }

        public SandboxInstance Instance { get; }

        public TrackerKind Kind { get; }

        public Sync.Worker.Storage.Sqlite.SqliteStateStore Store => _harness.Store;

        public static async Task<World> CreateAsync(
            string tracker, RiceRules rules, CancellationToken ct, SandboxServer? sandbox = null, FakeTimeProvider? time = null, Sync.Core.Lifecycle.LifecycleRules? lifecycle = null)
        {
            time ??= new FakeTimeProvider(Noon);
            var owned = sandbox is null ? await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct) : null;
            sandbox ??= owned!;
            var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
            var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
            if (instance.FindProject(Project) is null)
            {
                instance.CreateProject(Project, isPrivate: false);
            }

            var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
            var product = new ProductDefinition("p", new ProjectRef(tracker, Project), []) { Rice = rules, Lifecycle = lifecycle };
            return new World(sandbox, owned, instance, kind, harness, product, time);
        }

        public int Issue(string title, int voters, params string[] labels)
        {
            var issue = Instance.AddIssue(Project, title, "Please.", labels, "carol.diaz", createdAt: Noon.AddDays(-30));
            for (var i = 0; i < voters; i++)
            {
                Vote(issue.Number, $"voter{++_voter}");
            }

            return issue.Number;
        }

        public void Vote(int number, string user) =>
            Instance.AddAward(Project, number, Kind == TrackerKind.GitLab ? "thumbsup" : "+1", user, at: _time.GetUtcNow().AddDays(-1));

        public async Task VotesAsync(CancellationToken ct)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await _votes.RunAsync(new PipelineContext(_product, DryRun: false, new WriteJournal()), ct);
        }

        public async Task<Pass> RiceAsync(CancellationToken ct, bool dryRun = false)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            var before = _sandbox.Stats.Snapshot();
            var journal = new WriteJournal();
            var result = await _rice.RunAsync(new PipelineContext(_product, dryRun, journal), ct);
            var after = _sandbox.Stats.Snapshot();
            var writes = after.WritesSince(before, Instance.Name);
            return new Pass(writes, journal.Writes, result.Lines, after.ForInstance(Instance.Name) - before.ForInstance(Instance.Name));
        }

        /// <summary>A person editing labels through the API (which bumps the issue's updated_at, as on the trackers).</summary>
        public async Task HumanEditsAsync(int number, string[] add, string[] remove, CancellationToken ct)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await _harness.Trackers.Get(_product.Public.Tracker).EditIssueAsync(Project, number, new IssueEdit(AddLabels: add, RemoveLabels: remove), ct);
        }

        public void Advance(TimeSpan by) => _time.Advance(by);

        public string[] BucketLabels(int number) =>
            [.. Instance.Issue(Project, number).Labels.Where(l => l.StartsWith("rice::", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        public string OurComment(int number) => Instance.Notes(Project, number).Single(n => RiceComment.IsOurs(n.Body)).Body;

        public async ValueTask DisposeAsync()
        {
            await _harness.DisposeAsync();
            if (_ownedSandbox is not null)
            {
                await _ownedSandbox.DisposeAsync();
            }
        }
    }

    private sealed record Pass(Dictionary<string, long> Writes, IReadOnlyList<PlannedWrite> Journal, IReadOnlyList<string> Lines, long Requests);
}
