using Sync.Core.Moving;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

public sealed class MoveExecutorTests
{
    [Fact]
    public async Task Move_HappyPath_MakesExactlyTheExpectedRequestsAndCompletes()
    {
        var f = new MoveFixture();

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        Assert.Equal(3, outcome.CommentsCopied);
        var target = Assert.Single(f.TargetIssues());
        Assert.Equal(target.WebUrl, outcome.TargetUrl);
        Assert.Equal(
            new Dictionary<string, int>
            {
                // No target listing: a fresh intent cannot have a target from an earlier run to find.
                ["ListLabels"] = 1, ["CreateLabel"] = 2, ["ListMilestones"] = 1, ["CreateMilestone"] = 1,
                ["UploadFile"] = 1, ["CreateIssue"] = 1, ["CreateComment"] = 3,
            },
            f.Target.Calls);
        Assert.Equal(
            // The source is re-read right before each write of the move: the create, 3 comments, the notice, the close.
            new Dictionary<string, int> { ["DownloadUpload"] = 1, ["ListComments"] = 1, ["CreateComment"] = 1, ["GetIssue"] = 6, ["EditIssue"] = 1 },
            f.Source.Calls);
        Assert.Equal(["UploadFile", "CreateLabel", "CreateLabel", "CreateMilestone", "CreateIssue", "CreateComment", "CreateComment", "CreateComment", "CreateComment", "EditIssue"], f.Crash.Log);

        var record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.Equal(MoveState.Completed, record.State);
        Assert.Null(record.Error);
        Assert.Equal($"pub:acme/widget#{target.Ref.Number}", record.TargetIssue);
        Assert.Equal(IssueState.Closed, f.Source.Issues[(MoveFixture.Path, 12)].State);
        Assert.Equal("completed", f.Source.Issues[(MoveFixture.Path, 12)].StateReason);
        Assert.Contains(target.WebUrl, Assert.Single(f.Notices()).Body, StringComparison.Ordinal);
        Assert.Equal(["bug", "ui"], target.Labels);
        Assert.Equal("1.0", target.Milestone);
        var newUpload = Assert.Single(f.Target.Files.Keys);
        Assert.Contains(newUpload, target.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ISSUESYNC-UPLOAD", target.Body, StringComparison.Ordinal);
        Assert.Equal(10, f.Ledger.Audit.Count);
        Assert.All(f.Ledger.Audit, a => Assert.DoesNotContain("wrote:", a.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Move_WhenTheSourceCommentsAreKnown_DoesNotListThemAgain_ButRereadsTheIssueBeforeEachWrite()
    {
        var f = new MoveFixture();
        var context = f.Context() with { SourceIssue = f.Issue, SourceComments = f.Source.Comments[(MoveFixture.Path, 12)] };

        await new MoveExecutor().ExecuteAsync(f.Plan, context, TestContext.Current.CancellationToken);

        // A listed issue may be minutes old in a long batch: it never stands in for the read before a write.
        Assert.Equal(6, f.Source.CallsOf("GetIssue"));
        Assert.Equal(0, f.Source.CallsOf("ListComments"));
        Assert.Equal(IssueState.Closed, f.Source.Issues[(MoveFixture.Path, 12)].State);
    }

    [Fact]
    public async Task Move_RerunAfterCompletion_MakesNoRequestAtAll()
    {
        var f = new MoveFixture();
        await f.RunAsync();
        var calls = f.TotalCalls;

        var again = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.AlreadyMoved, again.Kind);
        Assert.Equal(calls, f.TotalCalls);
    }

    [Fact]
    public async Task Move_WhenTheTargetRejectsTheIssue_RecordsTheErrorAppliesNothingElseAndTheNextRunCompletes()
    {
        var f = new MoveFixture();
        f.Target.RejectIssue = _ => new TrackerValidationException("pub", 422, "Title is too long (maximum is 255 characters)");

        var failed = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Failed, failed.Kind);
        Assert.Equal("Tracker 'pub' rejected the request (422): Title is too long (maximum is 255 characters)", failed.Error);
        var record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.Equal(MoveState.Intent, record.State);
        Assert.Equal(failed.Error, record.Error);
        Assert.Equal(1, record.Attempts);
        Assert.Empty(f.TargetIssues());
        Assert.Empty(f.Notices());
        Assert.Equal(IssueState.Open, f.Source.Issues[(MoveFixture.Path, 12)].State);

        f.Target.RejectIssue = null;
        var retried = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, retried.Kind);
        record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.Equal(MoveState.Completed, record.State);
        Assert.Null(record.Error);
        Assert.Single(f.TargetIssues());
        Assert.Equal(1, f.Target.CallsOf("UploadFile"));
        Assert.Equal(2, f.Target.Labels[MoveFixture.Path].Count);
    }

    [Fact]
    public async Task Move_DryRun_WritesNothingAndJournalsEveryWriteWithTheTransformedText()
    {
        var f = new MoveFixture();

        var outcome = await f.RunAsync(dryRun: true);

        Assert.Equal(MoveOutcomeKind.WouldMove, outcome.Kind);
        Assert.Equal(0, f.TotalWrites);
        Assert.Equal(0, f.Ledger.Writes);
        Assert.Empty(f.Ledger.Moves);
        var writes = f.Journal.Writes;
        Assert.Equal(["upload", "label", "label", "create", "create", "comment", "comment", "comment", "comment", "close"], writes.Select(w => w.Action));
        var create = writes.Single(w => w.Action == "create" && w.Detail.StartsWith("Crash on save", StringComparison.Ordinal));
        Assert.Contains(MoveMarkers.Issue(f.Plan.MarkerKey), create.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ISSUESYNC-UPLOAD", create.Detail, StringComparison.Ordinal);
        Assert.Contains("labels: bug, ui; milestone: 1.0", create.Detail, StringComparison.Ordinal);
        Assert.Contains("**bob** wrote:\n\ncomment 2", writes[6].Detail, StringComparison.Ordinal);
        Assert.Equal("pub:acme/widget#new", writes[6].Target);
        Assert.Equal(f.Plan.SourceIssue, writes[8].Target);
        Assert.StartsWith("Moved to (the new issue in pub:acme/widget).", writes[8].Detail, StringComparison.Ordinal);
        Assert.Equal(new PlannedWriteView("close", "dev:acme/widget#12"), new PlannedWriteView(writes[9].Action, writes[9].Target));
    }

    [Fact]
    public async Task Move_WithoutCloseSource_LabelsTheSourceInsteadAndStaysOpen()
    {
        var f = new MoveFixture { Rules = new MoveRules { CloseSource = false, MovedLabel = "moved", CreateMilestones = true } };

        await f.RunAsync();

        var source = f.Source.Issues[(MoveFixture.Path, 12)];
        Assert.Equal(IssueState.Open, source.State);
        Assert.Contains("moved", source.Labels);
        Assert.Equal(1, f.Source.CallsOf("EditIssue"));
        Assert.Equal("label", f.Journal.Writes[^1].Action);
    }

    [Fact]
    public async Task Move_WithoutCreateMilestones_LeavesAnUnknownMilestoneOff()
    {
        var f = new MoveFixture { Rules = new MoveRules { CreateMilestones = false } };

        await f.RunAsync();

        Assert.Null(Assert.Single(f.TargetIssues()).Milestone);
        Assert.Equal(0, f.Target.CallsOf("CreateMilestone"));
    }

    [Fact]
    public async Task Move_ReusesTargetLabelsAndMilestonesWhateverTheirCase()
    {
        var f = new MoveFixture();
        f.Target.Labels[MoveFixture.Path] = [new TrackerLabel("Bug", "#FF0000"), new TrackerLabel("UI", "#00FF00")];
        f.Target.Milestones[MoveFixture.Path] = [new TrackerMilestone(7, "1.0")];

        await f.RunAsync();

        Assert.Equal(["Bug", "UI"], Assert.Single(f.TargetIssues()).Labels);
        Assert.Equal(0, f.Target.CallsOf("CreateLabel"));
        Assert.Equal(0, f.Target.CallsOf("CreateMilestone"));
    }

    [Fact]
    public async Task Move_WhenAnotherRunCreatedTheTargetButDiedBeforeRecording_AdoptsItInsteadOfDuplicating()
    {
        var f = new MoveFixture();
        f.Crash.CrashAfter = 5; // the create
        await Assert.ThrowsAsync<SimulatedCrash>(() => f.RunAsync());

        var second = await new MoveExecutor().ExecuteAsync(f.Plan, f.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(MoveOutcomeKind.Moved, second.Kind);
        Assert.Equal(1, f.Target.CallsOf("CreateIssue"));
        Assert.Equal(Assert.Single(f.TargetIssues()).WebUrl, second.TargetUrl);
    }

    [Fact]
    public async Task Move_TwoExecutorsStartedTogetherOnOneLedger_CreateOneTarget()
    {
        // The fakes complete synchronously, so this shows the ledger serialises the pair, not a real race:
        // the product lease is what keeps two live runs apart.
        var f = new MoveFixture();

        var outcomes = await Task.WhenAll(f.RunAsync(), f.RunAsync());

        Assert.Single(f.TargetIssues());
        Assert.Contains(outcomes, o => o.Kind == MoveOutcomeKind.Moved);
        Assert.All(f.Plan.Comments, c => Assert.Single(f.TargetCommentsFor(c.SourceCommentId)));
    }

    private sealed record PlannedWriteView(string Action, string Target);
}
