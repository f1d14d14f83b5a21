using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// The vote-signal bulk read against the sandbox's GitHub with 10,000 open issues: one request per page of 100, every
/// repeat conditional, unchanged pages answered 304 without touching the rate limit, and a reaction (which bumps no
/// issue) showing up as exactly one changed page.
/// </summary>
public sealed class GitHubVoteSignalSandboxTests
{
    private const string Votes = "acme/votes";
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VoteSignals_10000OpenIssues_Read100PagesThen100Free304sThenOneChangedPage()
    {
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Votes, isPrivate: false);
        for (var n = 1; n <= 10_000; n++)
        {
            hub.AddIssue(Votes, $"Votes issue {n}", author: n % 2 == 0 ? "alice.martin" : "bob.chen", createdAt: Noon.AddDays(-30).AddSeconds(n));
        }

        hub.AddAward(Votes, 7, "+1", "alice.martin");
        hub.AddAward(Votes, 7, "heart", "carla.rossi");
        hub.AddAward(Votes, 4_321, "-1", "bob.chen");
        using var fixture = new GitHubClientFixture(hub.ApiUrl, store: new InMemoryCursorStore(), token: hub.Token);
        using var probe = new HttpClient { BaseAddress = hub.ApiUrl };
        probe.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", hub.Token);
        probe.DefaultRequestHeaders.UserAgent.ParseAdd("IssueSync-test");

        var first = await ReadAsync(fixture, sandbox, hub.Name);

        Assert.Equal((100L, 100L, 100L, 0L), (first.Ours, first.Sandbox, first.Ok, first.NotModified));
        Assert.Equal(Enumerable.Range(1, 10_000).Select(n => (long)n), first.Signals.Select(s => s.Number));
        var seven = first.Signals[6];
        Assert.Equal(new Dictionary<string, int> { ["+1"] = 1, ["-1"] = 0, ["laugh"] = 0, ["confused"] = 0, ["heart"] = 1, ["hooray"] = 0, ["eyes"] = 0, ["rocket"] = 0 }, seven.Counts);
        Assert.Equal(("Votes issue 7", "bob.chen", (IReadOnlyList<TrackerReaction>?)null), (seven.Title, seven.Author?.Username, seven.Voters));
        Assert.Equal(1, first.Signals[4_320].Counts["-1"]);
        Assert.Equal(3, first.Signals.Sum(s => s.Counts.Values.Sum()));
        var before = await RemainingAsync(probe);

        var second = await ReadAsync(fixture, sandbox, hub.Name);

        // Every page offered its ETag (the sandbox answers 304 only to a matching If-None-Match) and came back 304; the sandbox's own rate-limit header moved only by the probe.
        Assert.Equal((100L, 100L, 0L, 100L), (second.Ours, second.Sandbox, second.Ok, second.NotModified));
        Assert.Equal(Describe(first.Signals), Describe(second.Signals));
        Assert.Equal(before - 1, await RemainingAsync(probe));

        // A reaction bumps no issue: only the rollup of #5,000 changes, and with it the ETag of page 50 alone.
        var updatedAt = hub.Issue(Votes, 5_000).UpdatedAt;
        time.Advance(TimeSpan.FromMinutes(5));
        hub.AddAward(Votes, 5_000, "rocket", "carla.rossi");
        Assert.Equal(updatedAt, hub.Issue(Votes, 5_000).UpdatedAt);

        var third = await ReadAsync(fixture, sandbox, hub.Name);

        Assert.Equal((100L, 100L, 1L, 99L), (third.Ours, third.Sandbox, third.Ok, third.NotModified));
        var changed = Describe(third.Signals).Except(Describe(second.Signals)).ToList();
        Assert.Equal(["5000 +1=0 -1=0 laugh=0 confused=0 heart=0 hooray=0 eyes=0 rocket=1 by alice.martin: Votes issue 5000"], changed);
    }

    [Fact]
    public async Task VoteSignals_NumbersAndComments_RepeatAs304s_AndACommentReactionChangesOnlyTheCommentPage()
    {
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, Ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Votes, isPrivate: false);
        for (var n = 1; n <= 250; n++)
        {
            hub.AddIssue(Votes, $"Votes issue {n}", author: "alice.martin", createdAt: Noon.AddDays(-1).AddSeconds(n));
        }

        hub.AddIssue(Votes, "A pull request", createdAt: Noon.AddDays(-1).AddSeconds(251), isPullRequest: true);
        var on5 = hub.AddNote(Votes, 5, "Me too", author: "bob.chen", at: Noon.AddHours(-1));
        var on120 = hub.AddNote(Votes, 120, "Same here", author: "carla.rossi", at: Noon.AddHours(-1).AddSeconds(1));
        hub.AddAward(Votes, 5, "+1", "alice.martin", noteId: on5.Id);
        using var fixture = new GitHubClientFixture(hub.ApiUrl, store: new InMemoryCursorStore(), token: hub.Token);
        var numbers = new VoteSignalQuery(Numbers: [120, 5, 251, 9_999], Comments: true);

        var first = await CountAsync(fixture, () => fixture.Client.ListVoteSignalsAsync(Votes, numbers, Ct).ToListAsync(Ct).AsTask());
        var second = await CountAsync(fixture, () => fixture.Client.ListVoteSignalsAsync(Votes, numbers, Ct).ToListAsync(Ct).AsTask());

        // Per number one issue GET, and one comment page per issue found; #251 is a pull request, #9999 does not exist.
        Assert.Equal([5L, 120L], first.Signals.Select(s => s.Number));
        Assert.Equal([[on5.Id], [on120.Id]], first.Signals.Select(s => s.Comments!.Select(c => c.CommentId).ToArray()));
        Assert.Equal(1, first.Signals[0].Comments![0].Counts["+1"]);
        Assert.Equal((6L, 5L, 0L, 1L), (first.Total, first.Ok, first.NotModified, first.NotFound));
        Assert.Equal((6L, 0L, 5L, 1L), (second.Total, second.Ok, second.NotModified, second.NotFound));

        var listing = new VoteSignalQuery(Comments: true);
        var full = await CountAsync(fixture, () => fixture.Client.ListVoteSignalsAsync(Votes, listing, Ct).ToListAsync(Ct).AsTask());
        time.Advance(TimeSpan.FromMinutes(1));
        hub.AddAward(Votes, 120, "heart", "alice.martin", noteId: on120.Id);
        var afterCommentVote = await CountAsync(fixture, () => fixture.Client.ListVoteSignalsAsync(Votes, listing, Ct).ToListAsync(Ct).AsTask());

        // Three issue pages (250 issues and the pull request) and one page of the repository's comments.
        Assert.Equal(250, full.Signals.Count);
        Assert.Equal((4L, 4L, 0L), (full.Total, full.Ok, full.NotModified));
        Assert.Equal((4L, 1L, 3L), (afterCommentVote.Total, afterCommentVote.Ok, afterCommentVote.NotModified));
        Assert.Equal(1, afterCommentVote.Signals.Single(s => s.Number == 120).Comments!.Single().Counts["heart"]);
        Assert.Equal(0, full.Signals.Single(s => s.Number == 120).Comments!.Single().Counts["heart"]);
    }

    private static async Task<Counted> CountAsync(GitHubClientFixture fixture, Func<Task<List<IssueVoteSignal>>> read)
    {
        fixture.Counter.Reset();
        var signals = await read();
        var counts = fixture.Counter.Snapshot().Trackers["hub"];
        long Status(int status) => counts.ByStatus.Where(c => c.Key.Status == status).Sum(c => c.Value);
        return new Counted(signals, counts.Total, Status(200), Status(304), Status(404));
    }

    private static async Task<Read> ReadAsync(GitHubClientFixture fixture, SandboxServer sandbox, string instance)
    {
        fixture.Counter.Reset();
        var theirs = sandbox.Stats.Snapshot().ForInstance(instance);
        var signals = await fixture.Client.ListVoteSignalsAsync(Votes, new VoteSignalQuery(), Ct).ToListAsync(Ct);
        var counts = fixture.Counter.Snapshot().Trackers["hub"];
        return new Read(
            signals,
            counts.Total,
            sandbox.Stats.Snapshot().ForInstance(instance) - theirs,
            counts.ByStatus.GetValueOrDefault(new RequestKey("hub", "GET", EndpointKinds.IssuesList, 200)),
            counts.ByStatus.GetValueOrDefault(new RequestKey("hub", "GET", EndpointKinds.IssuesList, 304)));
    }

    private static async Task<int> RemainingAsync(HttpClient probe)
    {
        using var response = await probe.GetAsync(new Uri("user", UriKind.Relative), Ct);
        response.EnsureSuccessStatusCode();
        return int.Parse(response.Headers.GetValues("x-ratelimit-remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Describe(IEnumerable<IssueVoteSignal> signals) =>
        [.. signals.Select(s => $"{s.Number} {string.Join(' ', s.Counts.Select(c => $"{c.Key}={c.Value}"))} by {s.Author?.Username}: {s.Title}")];

    private sealed record Counted(List<IssueVoteSignal> Signals, long Total, long Ok, long NotModified, long NotFound);

    private sealed record Read(List<IssueVoteSignal> Signals, long Ours, long Sandbox, long Ok, long NotModified);
}
