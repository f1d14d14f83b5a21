using Sync.Core.Lifecycle;
using Sync.Sandbox;

namespace Sync.Worker.Tests.Lifecycle;

/// <summary>The lifecycle's writes under faults: one issue failing never stops the others, a lost answer never duplicates a comment, and a deleted comment is posted once more.</summary>
public sealed class LifecycleFaultTests
{
    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    private static LifecycleRules Rules() => new() { VotesNeeded = 3, WindowDays = 10, Since = LifecycleWorld.Noon.AddDays(-1) };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_OneIssueRefused_IsAFailureLine_TheOthersGoOn_AndTheNextPassFinishesIt(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var first = world.Issue("Dark mode", "feature-request");
        var second = world.Issue("Export", "feature-request");
        world.Sandbox.Control.InjectFault(world.Instance.Name, new SandboxFault(SandboxFaultKind.Refused, Endpoint: world.PostComment, Message: "Body is invalid"));

        var failed = await world.PassAsync(ct);

        var failure = Assert.Single(failed.Result.Failures);
        Assert.StartsWith($"failed {tracker}:{LifecycleWorld.Project}#{first}: ", failure, StringComparison.Ordinal);
        Assert.Single(world.Instance.Notes(LifecycleWorld.Project, second), n => LifecycleComment.IsOurs(n.Body));
        Assert.Equal(LifecyclePhase.Voting, (await world.EntryAsync(second, ct)).Phase);

        // The next pass: the label is there already, so only the comment is posted.
        var retry = await world.PassAsync(ct);
        Assert.Empty(retry.Result.Failures);
        Assert.Equal(new Dictionary<string, long> { [world.PostComment] = 1 }, retry.Writes);
        Assert.Single(world.Instance.Notes(LifecycleWorld.Project, first), n => LifecycleComment.IsOurs(n.Body));
        Assert.Equal(["candidate::voting", "feature-request"], world.Labels(first));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_CommentPostedButItsAnswerLost_IsFoundByItsMarker_NotPostedTwice(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var number = world.Issue("Dark mode", "feature-request");
        world.Sandbox.Control.InjectFault(world.Instance.Name, new SandboxFault(SandboxFaultKind.CommitThenError, Endpoint: world.PostComment));

        var pass = await world.PassAsync(ct);

        Assert.Empty(pass.Result.Failures);
        Assert.Equal(1, pass.Writes[world.PostComment]);
        Assert.Single(world.Instance.Notes(LifecycleWorld.Project, number), n => LifecycleComment.IsOurs(n.Body));
        Assert.NotNull((await world.EntryAsync(number, ct)).CommentId);
        Assert.Empty((await world.PassAsync(ct)).Writes);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_CommentDeletedByAHuman_IsPostedOnceMoreAtTheNextChange(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var number = world.Issue("Dark mode", "feature-request");
        await world.PassAsync(ct);
        world.Read(number).Notes.RemoveAll(n => LifecycleComment.IsOurs(n.Body));

        world.Votes(number, 3);
        var reached = await world.PassAsync(ct);

        // The edit answers 404; the issue is still there, so the comment is posted again: one of it, saying it reached.
        Assert.Equal(world.Writes(add: true, remove: true, state: false, (world.CreateLabel, 1), (world.EditComment, 1), (world.PostComment, 1)), reached.Writes);
        Assert.StartsWith("**Reached 3 vote(s), 3 needed", world.OurComment(number), StringComparison.Ordinal);
    }
    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Lifecycle_LabelChangeRefusedAfterTheReachedComment_NextPassFinishesTheReach(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await LifecycleWorld.CreateAsync(tracker, Rules(), ct);
        var number = world.Issue("Dark mode", "feature-request");
        await world.PassAsync(ct);
        world.Votes(number, 3);
        world.Sandbox.Control.InjectFault(world.Instance.Name, new SandboxFault(SandboxFaultKind.Refused, Endpoint: world.LabelWrite, Message: "refused"));

        var failed = await world.PassAsync(ct);

        Assert.Single(failed.Result.Failures);
        Assert.Equal(["candidate::voting", "feature-request"], world.Labels(number));
        Assert.Equal(LifecyclePhase.Voting, (await world.EntryAsync(number, ct)).Phase);

        // Still voting as far as the issue shows, so the same decision again: the comment (its stored text is the old one)
        // and the label change; never read as a human's edit.
        var retry = await world.PassAsync(ct);
        Assert.Empty(retry.Result.Failures);
        Assert.Equal(world.Writes(add: true, remove: true, state: false, (world.EditComment, 1)), retry.Writes);
        Assert.Equal(["candidate::backlog", "feature-request"], world.Labels(number));
        Assert.Equal(LifecyclePhase.Backlog, (await world.EntryAsync(number, ct)).Phase);
        Assert.StartsWith("**Reached 3 vote(s), 3 needed", world.OurComment(number), StringComparison.Ordinal);
    }
}
