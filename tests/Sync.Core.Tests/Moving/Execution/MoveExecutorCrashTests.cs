using Sync.Core.Moving;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>
/// For every write of a move in turn: the process dies right after it (the write happened, nothing recorded it),
/// or the tracker refuses it; the next run, with a fresh executor and the same ledger, must leave exactly one of
/// everything.
/// </summary>
public sealed class MoveExecutorCrashTests
{
    /// <summary>Every write of the fixture's move: upload, 2 labels, milestone, issue, 3 comments, notice, close.</summary>
    public static TheoryData<int> EveryWrite => [.. Enumerable.Range(1, WritesPerMove)];

    private const int WritesPerMove = 10;

    [Fact]
    public async Task Fixture_MakesTheNumberOfWritesTheTheoriesCover()
    {
        var f = new MoveFixture();
        await f.RunAsync();
        Assert.Equal(WritesPerMove, f.TotalWrites);
    }

    [Theory]
    [MemberData(nameof(EveryWrite))]
    public async Task Move_WhenProcessDiesAfterAWrite_NextRunDuplicatesNothing(int write)
    {
        var f = new MoveFixture();
        f.Crash.CrashAfter = write;

        await Assert.ThrowsAsync<SimulatedCrash>(() => f.RunAsync());
        Assert.Equal(write, f.TotalWrites);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        AssertMovedExactlyOnce(f);
        // The only write a crash can repeat is the invisible upload: the trackers give no way to find it again.
        Assert.Equal(WritesPerMove + (write == 1 ? 1 : 0), f.Crash.Log.Count);
    }

    [Theory]
    [MemberData(nameof(EveryWrite))]
    public async Task Move_WhenTheTrackerRefusesAWrite_TheFailureIsRecordedAndTheNextRunCompletes(int write)
    {
        var f = new MoveFixture();
        f.Crash.FailBefore = write;
        f.Crash.FailWith = (tracker, kind) => new TrackerForbiddenException(tracker, $"{kind} is not allowed right now");

        var failed = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Failed, failed.Kind);
        var record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.StartsWith("Tracker '", record.Error, StringComparison.Ordinal);
        Assert.Equal(1, record.Attempts);
        Assert.Equal(IssueState.Open, f.Source.Issues[(MoveFixture.Path, 12)].State);

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        AssertMovedExactlyOnce(f);
        Assert.Equal(WritesPerMove, f.Crash.Log.Count); // the refused one was never made
        Assert.Null(f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)].Error);
    }

    [Theory]
    [MemberData(nameof(EveryWrite))]
    public async Task Move_WhenAWriteGetsNoAnswerAndWasNotMade_ItIsMadeOnceInTheSameRun(int write)
    {
        var f = new MoveFixture();
        f.Crash.FailBefore = write; // a 503 before the tracker did anything

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        AssertMovedExactlyOnce(f);
        Assert.Equal(WritesPerMove, f.Crash.Log.Count);
    }

    [Theory]
    [MemberData(nameof(EveryWrite))]
    public async Task Move_WhenAWritesAnswerIsLostAfterTheCommit_ItIsFoundNotWrittenAgain(int write)
    {
        var f = new MoveFixture();
        f.Crash.LoseAnswerAfter = write;

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        AssertMovedExactlyOnce(f);

        // Found by its marker, name or the source read back, not written again: only the upload cannot be looked up
        // (GitLab lists no uploads), so its lost answer costs one unreferenced copy.
        Assert.Equal(WritesPerMove + (write == 1 ? 1 : 0), f.Crash.Log.Count);
    }

    private static void AssertMovedExactlyOnce(MoveFixture f)
    {
        var target = Assert.Single(f.TargetIssues());
        Assert.All(f.Plan.Comments, c => Assert.Single(f.TargetCommentsFor(c.SourceCommentId)));
        Assert.Equal(f.Plan.Comments.Count, f.Target.Comments[(MoveFixture.Path, target.Ref.Number)].Count);
        Assert.Contains(target.WebUrl, Assert.Single(f.Notices()).Body, StringComparison.Ordinal);
        Assert.Equal(IssueState.Closed, f.Source.Issues[(MoveFixture.Path, 12)].State);
        Assert.Single(f.Crash.Log, "EditIssue");
        Assert.Equal(["bug", "ui"], f.Target.Labels[MoveFixture.Path].Select(l => l.Name));
        Assert.Equal("1.0", Assert.Single(f.Target.Milestones[MoveFixture.Path]).Title);
        Assert.Equal("1.0", target.Milestone);
        Assert.Contains(target.Body.Split('(', ')')[1], f.Target.Files.Keys);
        var record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.Equal(MoveState.Completed, record.State);
        Assert.Equal(target.Ref.ToString(), record.TargetIssue);
    }
}
