using Sync.Core.Moving;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>
/// A move re-reads its source right before each write and stops (parks) when a PM withdrew the issue meanwhile; a
/// confidential source keeps its copy confidential or does not move.
/// </summary>
public sealed class MoveWithdrawalTests
{
    [Fact]
    public async Task Move_WhenTheSourceLosesItsLabelAfterTheCreate_StopsBeforeTheFirstComment_AndGoesOnWhenItIsBack()
    {
        var f = new MoveFixture();
        f.Crash.AfterWrite = (kind, _) =>
        {
            if (kind == "CreateIssue")
            {
                Relabel(f, ["bug", "ui"]);
            }
        };

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.Equal("parked: the source lost the label 'public' (before comment " + f.Plan.Comments[0].SourceCommentId + ")", outcome.Error);
        var copy = Assert.Single(f.TargetIssues());
        Assert.Empty(f.Target.Comments[(MoveFixture.Path, copy.Ref.Number)]);
        Assert.Empty(f.Notices());
        Assert.Equal(IssueState.Open, f.Source.Issues[(MoveFixture.Path, 12)].State);
        var record = f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)];
        Assert.Equal(MoveState.TargetCreated, record.State);
        Assert.True(record.Parked);
        Assert.False(record.Failed);

        // The PM puts the label back: the move finishes where it stopped, once.
        f.Crash.AfterWrite = null;
        Relabel(f, ["public", "bug", "ui"]);
        var again = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, again.Kind);
        Assert.Single(f.TargetIssues());
        Assert.Equal(3, f.Target.Comments[(MoveFixture.Path, copy.Ref.Number)].Count);
        Assert.Null(f.Ledger.Moves[(MoveFixture.Product, f.Plan.SourceIssue)].Error);
    }

    [Fact]
    public async Task Move_WhenTheSourceWasMadeConfidentialAfterTheListing_WritesNothing()
    {
        var f = new MoveFixture();
        f.Source.Issues[(MoveFixture.Path, 12)] = f.Issue with { Confidential = true };

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.Equal("parked: the source issue is confidential (before creating the public issue)", outcome.Error);
        Assert.Equal(0, f.TotalWrites);
    }

    [Fact]
    public async Task Move_WhenSomeoneClosesTheSourceMidMove_StopsPostingComments()
    {
        var f = new MoveFixture();
        f.Crash.AfterWrite = (kind, _) =>
        {
            if (kind == "CreateComment" && f.Target.CallsOf("CreateComment") == 1)
            {
                f.Source.Issues[(MoveFixture.Path, 12)] = f.Source.Issues[(MoveFixture.Path, 12)] with { State = IssueState.Closed };
            }
        };

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.StartsWith("parked: the source issue was closed (before comment", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1, f.Target.CallsOf("CreateComment"));
        Assert.Empty(f.Notices());
    }

    [Fact]
    public async Task Move_WhenTheSourceIsTransferredMidMove_ParksNamingWhereItWent_AndWritesNothingMore()
    {
        var f = new MoveFixture();
        var elsewhere = new IssueRef(new ProjectRef("dev", "acme/elsewhere"), 3);
        f.Crash.AfterWrite = (kind, _) =>
        {
            if (kind == "CreateIssue")
            {
                f.Source.Issues.Remove((MoveFixture.Path, 12));
                f.Source.Transferred[(MoveFixture.Path, 12)] = elsewhere;
            }
        };

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.StartsWith("parked: the source issue was transferred to dev:acme/elsewhere#3 (before comment", outcome.Error, StringComparison.Ordinal);
        Assert.Equal((1, 0), (f.Target.CallsOf("CreateIssue"), f.Target.CallsOf("CreateComment")));
    }

    [Fact]
    public async Task Move_ConfidentialSourceWithIncludeConfidential_CreatesAConfidentialCopy()
    {
        var f = new MoveFixture { Rules = new MoveRules { IncludeConfidential = true, CreateMilestones = true } };
        f.Source.Issues[(MoveFixture.Path, 12)] = f.Issue with { Confidential = true };
        f.Replan();

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        Assert.True(Assert.Single(f.TargetIssues()).Confidential);
    }

    [Fact]
    public async Task Move_SourceMadeConfidentialAfterAPublicCopyWasCreated_StopsEvenWithIncludeConfidential()
    {
        var f = new MoveFixture { Rules = new MoveRules { IncludeConfidential = true, CreateMilestones = true } };
        f.Crash.AfterWrite = (kind, _) =>
        {
            if (kind == "CreateIssue")
            {
                f.Source.Issues[(MoveFixture.Path, 12)] = f.Source.Issues[(MoveFixture.Path, 12)] with { Confidential = true };
            }
        };

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.StartsWith("parked: the source issue was made confidential but its public copy is not", outcome.Error, StringComparison.Ordinal);
        Assert.False(Assert.Single(f.TargetIssues()).Confidential);
        Assert.Equal(0, f.Target.CallsOf("CreateComment"));

        // A later run checks the copy itself (it did not create it): still public, still parked.
        f.Crash.AfterWrite = null;
        var again = await f.RunAsync();
        Assert.Equal(MoveOutcomeKind.Parked, again.Kind);
        Assert.Equal(1, f.Target.CallsOf("GetIssue"));
    }

    [Fact]
    public async Task Move_ConfidentialSourceToGitHub_IsParkedEvenWithIncludeConfidential()
    {
        var f = new MoveFixture(targetKind: TrackerKind.GitHub) { Rules = new MoveRules { IncludeConfidential = true, CreateMilestones = true } };
        f.Source.Issues[(MoveFixture.Path, 12)] = f.Issue with { Confidential = true };
        f.Replan();

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Parked, outcome.Kind);
        Assert.Contains("GitHub has no confidential issues", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, f.TotalWrites);
    }

    [Fact]
    public async Task Move_WhenTheUploadIsRefused_SaysSoInTheTextAndCompletes()
    {
        var f = new MoveFixture();
        f.Source.RefuseDownloads = true;

        var outcome = await f.RunAsync();

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        var copy = Assert.Single(f.TargetIssues());
        Assert.Contains("attachment not copied: shot.png", copy.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ISSUESYNC-UPLOAD", copy.Body, StringComparison.Ordinal);
        Assert.Equal(0, f.Target.CallsOf("UploadFile"));
        Assert.Contains(f.Ledger.Audit, a => a.Action == AuditActions.Upload && a.Detail.StartsWith("not copied: shot.png", StringComparison.Ordinal));
    }

    private static void Relabel(MoveFixture f, IReadOnlyList<string> labels) =>
        f.Source.Issues[(MoveFixture.Path, 12)] = f.Source.Issues[(MoveFixture.Path, 12)] with { Labels = labels };
}
