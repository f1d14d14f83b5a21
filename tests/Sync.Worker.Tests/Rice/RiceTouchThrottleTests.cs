using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Rice;

/// <summary>
/// GitLab throttles the touch a note gives its issue (<c>app/models/concerns/throttled_touch.rb</c>,
/// <c>TOUCH_INTERVAL = 1.minute</c>; the sandbox does the same): a note 30 s after a label change leaves
/// <c>updated_at</c> at the label change. A pass that listed the issue in between must not mark it final, or no
/// later pass sees the note.
/// </summary>
public sealed class RiceTouchThrottleTests
{
    private const string Project = "acme/rice";
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RicePass_NoteAdded30SecondsAfterALabelChangeItListed_IsSeenByTheNextPass()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var gitLab = sandbox.GitLab;
        gitLab.CreateProject(Project, isPrivate: false);
        var number = gitLab.AddIssue(Project, "Dark mode", "Please.", ["impact::2", "effort::1"], "carol.diaz", createdAt: Noon.AddDays(-30)).Number;
        await using var harness = await SandboxTrackerHarness.CreateAsync("gitlab", TrackerKind.GitLab, gitLab, time, ct, unpaced: true);
        var client = harness.Trackers.Get("gitlab");
        var product = new ProductDefinition("p", new ProjectRef("gitlab", Project), []) { Rice = new RiceRules { Comment = false } };
        var rice = new RiceStep(harness.Trackers, harness.Store, harness.Store, harness.Store, time, p => p.Rice);
        Task<StepResult> PassAsync() => rice.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);

        // Scored and labelled once, then settled: the issue is old news to the cursor.
        await PassAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        await PassAsync();

        // A human's label change (no new bucket, so the pass writes nothing), a pass 5 s later, a note 30 s after the change.
        time.Advance(TimeSpan.FromMinutes(10));
        await client.EditIssueAsync(Project, number, new IssueEdit(AddLabels: ["ux"]), ct);
        var labelledAt = gitLab.Issue(Project, number).UpdatedAt;
        time.Advance(TimeSpan.FromSeconds(5));
        await PassAsync();
        Assert.Equal(0, (await RiceEntry.LoadAsync(harness.Store, "p", ct))[number].CommentCount);
        time.Advance(TimeSpan.FromSeconds(25));
        await client.CreateCommentAsync(Project, number, "We need this for night shifts.", isInternal: false, ct);
        Assert.Equal(labelledAt, gitLab.Issue(Project, number).UpdatedAt); // the touch was throttled

        time.Advance(TimeSpan.FromMinutes(5));
        var before = harness.Counter.Snapshot().TotalFor("gitlab");
        await PassAsync();

        Assert.Equal(1, (await RiceEntry.LoadAsync(harness.Store, "p", ct))[number].CommentCount);
        Assert.Equal(1, harness.Counter.Snapshot().TotalFor("gitlab") - before); // the listing alone

        // Listed outside the touch window, the issue is final: the pass after that is the one listing request again.
        time.Advance(TimeSpan.FromMinutes(5));
        await PassAsync();
        Assert.Equal(2, harness.Counter.Snapshot().TotalFor("gitlab") - before);
    }
}
