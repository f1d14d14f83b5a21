using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Trackers;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// Replicas on one PostgreSQL database pace a tracker token's writes together. Each replica is its own container,
/// connection pool and limiter; all talk to one WireMock tracker and, unless a test says otherwise, run on one fake
/// clock. Every test has its own token, because the class shares one database.
/// </summary>
public sealed class SharedWritePacingTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private const string GitLabApi = "/api/v4";
    private const string GitHubApi = "/github/api/v3";
    private const string GitHubIssues = GitHubApi + "/repos/acme/widget/issues";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
    private readonly TaskCompletionSource _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoReplicas_SameGitLabToken_NeverCreateMoreIssuesAMinuteTogetherThanTheLimit()
    {
        var token = NewToken("glpat-");
        await using var a = await Replica("work", TrackerKind.GitLab, token, o => o with { IssueCreatesPerMinute = 3 });
        await using var b = await Replica("public", TrackerKind.GitLab, token, o => o with { IssueCreatesPerMinute = 3 });
        RespondCreated();

        using (await Post(a, GitLabApi + "/projects/1/issues"))
        {
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        using (await Post(b, GitLabApi + "/projects/2/issues"))
        {
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        using (await Post(a, GitLabApi + "/projects/1/issues"))
        {
        }

        // t=20: three creations in the minute between them; each replica alone made fewer than three.
        var fourth = Post(a, GitLabApi + "/projects/1/issues");
        var fifth = Post(b, GitLabApi + "/projects/2/issues");
        await LimitsFixture.Until(() => a.Pacer.PendingWaits == 1 && b.Pacer.PendingWaits == 1);
        Assert.Equal(3, _arrived);

        // Notes have their own window.
        using (await Post(b, GitLabApi + "/projects/2/issues/5/notes"))
        {
            Assert.Equal(4, _arrived);
        }

        _time.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(4, _arrived);

        // t=60: the creation of t=0 leaves the window; one slot frees, so exactly one of the two goes.
        var (armedA, armedB) = (a.Pacer.WaitsArmed, b.Pacer.WaitsArmed);
        _time.Advance(TimeSpan.FromSeconds(1));
        await LimitsFixture.Until(() => _arrived == 5 && (a.Pacer.WaitsArmed > armedA || b.Pacer.WaitsArmed > armedB));
        Assert.Equal(5, _arrived);

        // t=70: the creation of t=10 leaves it.
        _time.Advance(TimeSpan.FromSeconds(10));
        using var fourthResponse = await LimitsFixture.Done(fourth);
        using var fifthResponse = await LimitsFixture.Done(fifth);

        Assert.Equal(HttpStatusCode.Created, fourthResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fifthResponse.StatusCode);
        Assert.Equal(6, _arrived);
        Assert.All(await PacingReplica.StoredTextAsync(database.GetConnectionString()), row => Assert.DoesNotContain(token, row, StringComparison.Ordinal));
        Assert.DoesNotContain(a.Logs.Entries.Concat(b.Logs.Entries), e => e.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoReplicas_SameGitHubToken_ShareTheHourWindow()
    {
        var token = NewToken("ghp_");
        Func<TrackerLimitsOptions, TrackerLimitsOptions> limits = o => o with { WritesPerHour = 4, MinWriteSpacing = TimeSpan.Zero };
        await using var a = await Replica("hub", TrackerKind.GitHub, token, limits);
        await using var b = await Replica("hub", TrackerKind.GitHub, token, limits);
        RespondCreated();

        foreach (var replica in new[] { a, a, b, b })
        {
            using var created = await Post(replica, GitHubIssues);
        }

        var fifth = Post(b, GitHubIssues);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(4, _arrived);

        _time.Advance(TimeSpan.FromMinutes(1));
        using var response = await LimitsFixture.Done(fifth);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5, _arrived);
    }

    [Fact]
    public async Task TwoReplicas_SameGitHubToken_WriteOneAtATime_WithTheGapAfterTheResponse()
    {
        var token = NewToken("ghp_");
        await using var a = await Replica("hub", TrackerKind.GitHub, token);
        await using var b = await Replica("hub", TrackerKind.GitHub, token);
        var hold = HoldFirstWrite();

        var first = Post(a, GitHubIssues);
        await LimitsFixture.Until(() => _arrived == 1);
        var second = Post(b, GitHubIssues);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);
        Assert.Equal(1, _arrived);

        // The first write's response arrives at t=0: the gap of 1 s runs from there.
        hold.SetResult();
        using (await LimitsFixture.Done(first))
        {
        }

        await Advance(TimeSpan.FromMilliseconds(999), b);
        Assert.Equal(1, _arrived);

        await Advance(TimeSpan.FromMilliseconds(1));
        using var response = await LimitsFixture.Done(second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, _arrived);
    }

    [Fact]
    public async Task TwoReplicas_SameGitHubToken_NeverOverlapWrites_InRealTime()
    {
        var token = NewToken("ghp_");
        Func<TrackerLimitsOptions, TrackerLimitsOptions> limits = o => o with { MinWriteSpacing = TimeSpan.Zero };
        await using var a = await Replica("hub", TrackerKind.GitHub, token, limits, TimeProvider.System);
        await using var b = await Replica("hub", TrackerKind.GitHub, token, limits, TimeProvider.System);
        var inFlight = new WritePacingTests.InFlight();
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(inFlight.Respond));

        var writes = new[] { a, b, a, b, a, b }.Select(r => Post(r, GitHubIssues)).ToList();
        foreach (var response in await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30), Ct))
        {
            response.Dispose();
        }

        Assert.Equal(6, _server.LogEntries.Count);
        Assert.Equal(1, inFlight.Max);
    }

    [Fact]
    public async Task Replica_DyingWithTheSerialTurn_HoldsTheOthersBackOnlyUntilItsLeaseExpires()
    {
        var token = NewToken("ghp_");
        var a = await Replica("hub", TrackerKind.GitHub, token);
        await using var b = await Replica("hub", TrackerKind.GitHub, token);
        RespondCreated();

        // Replica a takes the turn for a write and dies before the response: nothing gives the turn back.
        using var abandoned = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url + GitHubIssues));
        var lease = await a.Pacer.AcquireAsync(abandoned, Ct);
        Assert.NotNull(lease);
        await a.DisposeAsync();

        var write = Post(b, GitHubIssues);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);
        await Advance(TimeSpan.FromSeconds(29), b);
        Assert.Equal(0, _arrived);

        await Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(write);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, _arrived);
        Assert.Contains(b.Logs.Entries, e => e.EventId == 1113);
    }

    [Fact]
    public async Task Replica_WritingLongerThanTheLease_KeepsTheTurnByRenewingIt()
    {
        var token = NewToken("ghp_");
        await using var a = await Replica("hub", TrackerKind.GitHub, token);
        await using var b = await Replica("hub", TrackerKind.GitHub, token);
        var hold = HoldFirstWrite();

        var slow = Post(a, GitHubIssues);
        await LimitsFixture.Until(() => _arrived == 1);
        var waiting = Post(b, GitHubIssues);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);

        // 60 s in steps of 10 s, twice the 30 s lease: the holder renews it every 10 s.
        for (var step = 0; step < 6; step++)
        {
            await Advance(TimeSpan.FromSeconds(10), b);
            var renewedUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
            await UntilTurnExpires(token, renewedUntil);
        }

        Assert.Equal(1, _arrived);
        hold.SetResult();
        using (await LimitsFixture.Done(slow))
        {
        }

        await Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(waiting);

        Assert.Equal(2, _arrived);
        Assert.Null(await PacingReplica.TurnExpiryAsync(database.GetConnectionString(), token));
        Assert.DoesNotContain(a.Logs.Entries.Concat(b.Logs.Entries), e => e.EventId is 1113 or 1116);
    }

    [Fact]
    public async Task WaitingForAnotherReplicasTurn_WhenCancelled_Throws_AndTakesNothing()
    {
        var token = NewToken("ghp_");
        await using var a = await Replica("hub", TrackerKind.GitHub, token);
        await using var b = await Replica("hub", TrackerKind.GitHub, token);
        var hold = HoldFirstWrite();

        var first = Post(a, GitHubIssues);
        await LimitsFixture.Until(() => _arrived == 1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(b.Stopping);
        var cancelled = b.PostAsync(new Uri(_server.Url + GitHubIssues), cancel.Token);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LimitsFixture.Done(cancelled));

        hold.SetResult();
        using (await LimitsFixture.Done(first))
        {
        }

        // The next write of b waits only for the gap after a's response: no turn or slot of the cancelled one is left.
        var next = Post(b, GitHubIssues);
        await LimitsFixture.Until(() => b.Pacer.PendingWaits == 1);
        await Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(next);

        Assert.Equal(2, _arrived);
    }

    [Fact]
    public async Task TwoReplicas_DifferentTokens_DoNotShareABudget()
    {
        await using var a = await Replica("work", TrackerKind.GitLab, NewToken("glpat-"), o => o with { IssueCreatesPerMinute = 1 });
        await using var b = await Replica("work", TrackerKind.GitLab, NewToken("glpat-"), o => o with { IssueCreatesPerMinute = 1 });
        RespondCreated();

        using (await Post(a, GitLabApi + "/projects/1/issues"))
        using (await Post(b, GitLabApi + "/projects/1/issues"))
        {
            Assert.Equal(2, _arrived);
        }

        var again = Post(a, GitLabApi + "/projects/1/issues");
        await LimitsFixture.Until(() => a.Pacer.PendingWaits == 1);
        Assert.Equal(2, _arrived);
        Assert.Equal(0, b.Pacer.PendingWaits);

        _time.Advance(TimeSpan.FromMinutes(1));
        using var response = await LimitsFixture.Done(again);
        Assert.Equal(3, _arrived);
    }

    public void Dispose()
    {
        _hold.TrySetResult();
        _server.Stop();
        _server.Dispose();
    }

    // A token's budget outlives a test in the shared database, so each test has its own.
    private static string NewToken(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private Task<PacingReplica> Replica(
        string name, TrackerKind kind, string token, Func<TrackerLimitsOptions, TrackerLimitsOptions>? limits = null, TimeProvider? time = null) =>
        PacingReplica.StartAsync(
            database.GetConnectionString(), name, kind, new Uri(_server.Url + (kind == TrackerKind.GitHub ? GitHubApi : GitLabApi)), token, time ?? _time, limits);

    private Task<HttpResponseMessage> Post(PacingReplica replica, string path) =>
        replica.PostAsync(new Uri(_server.Url + path));

    /// <summary>
    /// Advances the clock, then waits (real time, bounded) until each of <paramref name="waiting"/> has asked the shared
    /// store again and armed its next wait, so that a count asserted afterwards reflects the new time.
    /// </summary>
    private async Task Advance(TimeSpan by, params PacingReplica[] waiting)
    {
        var armed = waiting.Select(r => r.Pacer.WaitsArmed).ToArray();
        _time.Advance(by);
        await LimitsFixture.Until(() => waiting.Select((r, i) => r.Pacer.WaitsArmed > armed[i]).All(asked => asked));
    }

    /// <summary>Polls (real time, bounded) until the stored serial turn of <paramref name="token"/> expires at <paramref name="expiry"/>.</summary>
    private async Task UntilTurnExpires(string token, DateTimeOffset expiry)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await PacingReplica.TurnExpiryAsync(database.GetConnectionString(), token) != expiry)
        {
            await Task.Delay(10, safetyNet.Token);
        }
    }

    private void RespondCreated() =>
        _server.Given(Request.Create().WithPath(new WildcardMatcher("*")).UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            Interlocked.Increment(ref _arrived);
            return Created();
        }));

    /// <summary>Answers 201 to every write, but keeps the first in flight (server side) until the returned gate opens.</summary>
    private TaskCompletionSource HoldFirstWrite()
    {
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            if (Interlocked.Increment(ref _arrived) == 1)
            {
                _hold.Task.Wait(TimeSpan.FromSeconds(15));
            }

            return Created();
        }));
        return _hold;
    }

    private static ResponseMessage Created() => new()
    {
        StatusCode = 201,
        BodyData = new WireMock.Util.BodyData { BodyAsString = "{}", DetectedBodyType = WireMock.Types.BodyType.String },
    };
}
