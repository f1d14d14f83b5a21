using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Votes;

/// <summary>Weights, bots, the author, the window edge and the trend, through the sandbox with a fake clock.</summary>
public sealed class VoteRulesSandboxTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task VotePass_AppliesWeightsBotsAuthorWindowAndTrend(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        var up = kind == TrackerKind.GitLab ? "thumbsup_tone4" : "+1";
        instance.CreateProject("acme/rules", isPrivate: false);
        var issue = instance.AddIssue("acme/rules", "Dark mode", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-200));
        instance.AddAward("acme/rules", issue.Number, up, "alice.martin", at: Noon.AddDays(-90)); // exactly at the window edge: recent
        instance.AddAward("acme/rules", issue.Number, up, "eve.old", at: Noon.AddDays(-90).AddTicks(-1)); // just outside
        instance.AddAward("acme/rules", issue.Number, up, "carol.diaz", at: Noon.AddDays(-5)); // the author
        instance.AddAward("acme/rules", issue.Number, up, "release-bot", at: Noon.AddDays(-5)); // a bot
        instance.AddAward("acme/rules", issue.Number, "heart", "grace.kim", at: Noon.AddDays(-1)); // extra emoji, weight 2

        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var store = harness.Store;
        var product = new ProductDefinition("p", new ProjectRef(tracker, "acme/rules"), [])
        {
            Votes = new VoteRules { ExtraEmoji = new Dictionary<string, double> { ["heart"] = 2 }, Bots = ["release-bot"] },
        };
        var step = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);

        var first = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);

        // alice and eve count all-time; only alice is in the 90-day window; the author and the bot never count;
        // grace's heart adds a voter and weight 2. Counted for the first time, the issue's history is read from when the
        // reactions were given, a point a week for 13 weeks where the counts change: nobody 91 days ago, alice and eve
        // from 84 days ago, so no 👍 came in the last 7 or 30 days.
        Assert.True(first.Lines.Contains($"#{issue.Number} Dark mode: 👍 2 👎 0, 3 voter(s), 1 in the window; 7 d 0, 30 d 0"), string.Join(" | ", first.Lines));
        var snapshots = await store.ListVoteSnapshotsAsync("p", $"{tracker}:acme/rules#{issue.Number}", Noon.AddYears(-1), ct);
        Assert.Equal(
            [(Noon.AddDays(-91), 0, 0, 0.0, 0), (Noon.AddDays(-84), 2, 0, 2.0, 2), (Noon, 2, 0, 4.0, 3)],
            snapshots.Select(s => (s.TakenAt, s.Up, s.Down, s.Weighted, s.UniqueVoters)));

        time.Advance(TimeSpan.FromDays(8));
        instance.AddAward("acme/rules", issue.Number, up, "dan.new");
        var second = await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);

        // Eight days on, alice has left the window and dan joined it. Against the snapshot taken 8 days ago: +1 over
        // 7 days; against the one read for 84 days before it: +1 over 30 days.
        Assert.True(second.Lines.Contains($"#{issue.Number} Dark mode: 👍 3 👎 0, 4 voter(s), 1 in the window; 7 d +1, 30 d +1"), string.Join(" | ", second.Lines));
    }

    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task VotePass_CountsCommentVotesOnlyWhenAskedTo(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        var up = kind == TrackerKind.GitLab ? "thumbsup" : "+1";
        instance.CreateProject("acme/comments", isPrivate: false);
        var issue = instance.AddIssue("acme/comments", "Export", "CSV please.", [], "carol.diaz");
        instance.AddAward("acme/comments", issue.Number, up, "alice.martin");
        var note = instance.AddNote("acme/comments", issue.Number, "Yes, and XLSX.", "bob.chen");
        instance.AddAward("acme/comments", issue.Number, up, "frank.ops", noteId: note.Id);

        async Task<string> CountAsync(bool commentVotes)
        {
            await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
            var store = harness.Store;
            var product = new ProductDefinition("p", new ProjectRef(tracker, "acme/comments"), []) { Votes = new VoteRules { CountCommentVotes = commentVotes } };
            var step = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);
            return (await step.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct)).Lines[1];
        }

        Assert.StartsWith($"#{issue.Number} Export: 👍 1 👎 0, 1 voter(s)", await CountAsync(commentVotes: false), StringComparison.Ordinal);
        Assert.StartsWith($"#{issue.Number} Export: 👍 2 👎 0, 2 voter(s)", await CountAsync(commentVotes: true), StringComparison.Ordinal);
    }
}
