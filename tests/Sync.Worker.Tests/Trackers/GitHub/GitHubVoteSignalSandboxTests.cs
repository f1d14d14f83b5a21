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

    private sealed record Read(List<IssueVoteSignal> Signals, long Ours, long Sandbox, long Ok, long NotModified);
}
