using Microsoft.Extensions.Time.Testing;
using Sync.Core.Moving;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

public sealed class MoveStepTests
{
    private const string Path = "acme/widget";
    private static readonly ProductDefinition Product = new("widget", ProjectRef.Parse("pub:acme/widget"), [new SourceRule(ProjectRef.Parse("dev:acme/widget")) { Rules = new MoveRules { ExcludeLabels = ["draft"] } }]);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeTracker _source;
    private readonly FakeTracker _target;
    private readonly InMemoryLedger _ledger = new();
    private readonly FakePlanner _planner = new();

    public MoveStepTests()
    {
        _source = new FakeTracker("dev", TrackerKind.GitLab, _time);
        _target = new FakeTracker("pub", TrackerKind.GitLab, _time);
        _source.AddIssue(Path, 12, "Crash on save", "see #11", ["public", "bug"]);
        _source.AddComment(Path, 12, "me too");
        _source.AddIssue(Path, 13, "WIP: half an idea", "", ["public", "draft"]);
        _source.AddIssue(Path, 14, "Too long a title", "mentions #12", ["public"]);
        _source.AddIssue(Path, 15, "Private only", "", ["bug"]);
        _time.Advance(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Run_MovesEligibleIssues_ReportsEachAndKeepsGoingAfterAFailure()
    {
        _target.RejectIssue = i => i.Title.StartsWith("Too long", StringComparison.Ordinal) ? new TrackerValidationException("pub", 422, "title is too long") : null;

        var result = await Step().RunAsync(new PipelineContext(Product, false, new WriteJournal()), TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "moved dev:acme/widget#12 → https://pub.example/acme/widget/-/issues/1 (1 comments)",
                "failed dev:acme/widget#14: Tracker 'pub' rejected the request (422): title is too long",
            ],
            result.Lines);
        Assert.Equal(new Dictionary<string, long> { ["moved"] = 1, ["failed"] = 1, ["skipped"] = 1, ["parked"] = 0, ["waiting"] = 0, ["moveLabelWrites"] = 1 }, result.Metrics);
        Assert.Equal(1, _source.CallsOf("ListLabels"));
        Assert.Equal(1, _source.CallsOf("ListIssues"));
        var second = _planner.Inputs[1];
        Assert.Equal(new TrackerSite(TrackerKind.GitLab, new Uri("https://dev.example/")), second.SourceSite);
        Assert.Equal("https://pub.example/acme/widget/-/issues/1", second.MovedIssues[12]);
        Assert.Equal(MoveState.Completed, _ledger.Moves[("widget", "dev:acme/widget#12")].State);
        Assert.NotNull(_ledger.Moves[("widget", "dev:acme/widget#14")].Error);
    }

    [Fact]
    public async Task Run_AskedAboutIssues_ReportsThoseOfItsSources_AndStillListsEveryCandidate()
    {
        var context = new PipelineContext(Product, true, new WriteJournal())
        {
            RequestedIssues = new HashSet<IssueRef> { IssueRef.Parse("DEV:acme/Widget#14"), IssueRef.Parse("dev:acme/widget#12"), IssueRef.Parse("pub:acme/widget#1") },
        };

        var result = await Step().RunAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal("asked about 2 issue(s): dev:acme/widget#12, DEV:acme/Widget#14", result.Lines[0]);
        Assert.Equal(2, result.Metrics[RequestedIssues.Metric]);
        Assert.Equal(2, result.Metrics["moved"]);
    }

    [Fact]
    public async Task Run_Again_RetriesOnlyTheFailedMove()
    {
        _target.RejectIssue = i => i.Title.StartsWith("Too long", StringComparison.Ordinal) ? new TrackerValidationException("pub", 422, "title is too long") : null;
        var first = await Step().RunAsync(new PipelineContext(Product, false, new WriteJournal()), TestContext.Current.CancellationToken);
        _target.RejectIssue = null;

        // Too soon: a failed move waits before its next attempt.
        var soon = await Step().RunAsync(new PipelineContext(Product, false, new WriteJournal()), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));
        var result = await Step().RunAsync(new PipelineContext(Product, false, new WriteJournal()), TestContext.Current.CancellationToken);

        Assert.Equal(["failed dev:acme/widget#14: Tracker 'pub' rejected the request (422): title is too long"], first.Failures);
        Assert.StartsWith("waiting dev:acme/widget#14: failed 1 time(s)", Assert.Single(soon.Lines), StringComparison.Ordinal);
        Assert.Empty(soon.Failures);
        Assert.Equal(["moved dev:acme/widget#14 → https://pub.example/acme/widget/-/issues/2 (0 comments)"], result.Lines);
        Assert.Equal(2, _target.Issues.Count);
        Assert.Equal(MoveState.Completed, _ledger.Moves[("widget", "dev:acme/widget#14")].State);
    }

    [Fact]
    public async Task Run_AMoveThatKeepsFailing_IsParkedAfterMaxAttemptsUntilAMaintainerRetriesIt()
    {
        _target.RejectIssue = i => i.Title.StartsWith("Too long", StringComparison.Ordinal) ? new TrackerValidationException("pub", 422, "title is too long") : null;
        var context = new PipelineContext(Product, false, new WriteJournal());
        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = _time.GetUtcNow();
            while ((await Step().RunAsync(context, TestContext.Current.CancellationToken)).Failures.Count == 0)
            {
                _time.Advance(TimeSpan.FromMinutes(1));
            }

            waits.Add(_time.GetUtcNow() - before);
        }

        var parked = await Step().RunAsync(context, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(1));
        var stillParked = await Step().RunAsync(context, TestContext.Current.CancellationToken);

        // The wait doubles: 5, 10, 20 and 40 minutes between the five attempts.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40)], waits);
        Assert.Equal("parked dev:acme/widget#14: gave up after 5 failed attempts; last: Tracker 'pub' rejected the request (422): title is too long; a maintainer's retry moves it again", Assert.Single(parked.Lines));
        Assert.Empty(parked.Failures);
        Assert.Single(stillParked.Lines, l => l.StartsWith("parked dev:acme/widget#14: gave up", StringComparison.Ordinal));
        Assert.Equal(6, _target.CallsOf("CreateIssue"));
        Assert.True(_ledger.Moves[("widget", "dev:acme/widget#14")].GaveUp);
    }

    [Fact]
    public async Task Run_DryRun_SaysWhatWouldMoveAndWritesNothing()
    {
        var journal = new WriteJournal();

        var result = await Step().RunAsync(new PipelineContext(Product, true, journal), TestContext.Current.CancellationToken);

        Assert.Equal(
            ["would move dev:acme/widget#12 → a new issue (1 comments)", "would move dev:acme/widget#14 → a new issue (0 comments)"],
            result.Lines);
        Assert.Equal(0, _source.Writes + _target.Writes);
        Assert.Equal(0, _ledger.Writes);
        Assert.Contains(journal.Writes, w => w.Action == "close" && w.Target == "dev:acme/widget#14");
    }

    [Fact]
    public async Task Run_ResumesAMoveWhoseSourceWasClosedBeforeTheCrash()
    {
        var at = _time.GetUtcNow();
        await _ledger.SaveMoveAsync(
            new MoveRecord("widget", "dev:acme/widget#12", MoveState.SourceCommented, "pub:acme/widget#1", "https://pub.example/acme/widget/-/issues/1", null, 0, at, at),
            TestContext.Current.CancellationToken);
        await _source.EditIssueAsync(Path, 12, new IssueEdit(State: IssueState.Closed), TestContext.Current.CancellationToken);
        var journal = new WriteJournal();

        var result = await Step().RunAsync(new PipelineContext(Product, false, journal), TestContext.Current.CancellationToken);

        Assert.Contains("moved dev:acme/widget#12 → https://pub.example/acme/widget/-/issues/1 (1 comments)", result.Lines);
        Assert.Equal(MoveState.Completed, _ledger.Moves[("widget", "dev:acme/widget#12")].State);
        Assert.DoesNotContain(journal.Writes, w => w.Target == "dev:acme/widget#12");

        // #12: the resumed source is read once to find it, once more right before its (skipped) close; #14 moves
        // fresh and is re-read before each of its writes: the create, the notice and the close.
        Assert.Equal(5, _source.CallsOf("GetIssue"));
    }

    [Fact]
    public async Task Run_WhenOneIssueCannotBePlanned_ReportsItAndMovesTheOthers()
    {
        _planner.RefuseNumber = 12;

        var result = await Step().RunAsync(new PipelineContext(Product, false, new WriteJournal()), TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "failed dev:acme/widget#12: InvalidOperationException: cannot plan dev:acme/widget#12",
                "moved dev:acme/widget#14 → https://pub.example/acme/widget/-/issues/1 (0 comments)",
            ],
            result.Lines);
        Assert.Equal(1, result.Metrics["failed"]);
    }

    private MoveStep Step() => new(
        new Registry(_source, _target),
        _ledger,
        _ledger,
        _planner,
        _time);

    private sealed class Registry(params ITrackerClient[] clients) : ITrackerRegistry
    {
        public IReadOnlyCollection<string> Names => [.. clients.Select(c => c.Name)];

        public ITrackerClient Get(string name) => clients.Single(c => c.Name == name);
    }
}
