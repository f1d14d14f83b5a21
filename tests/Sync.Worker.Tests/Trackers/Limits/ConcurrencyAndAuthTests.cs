using Sync.Core.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>Bounded reads, the 401 cool-down, and Polly's own waits on the DI clock.</summary>
public sealed class ConcurrencyAndAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_NeverExceedTheConcurrencyBound()
    {
        using var hub = new LimitsFixture("hub", TrackerKind.GitHub, "/github/api/v3", o => o with { ReadConcurrency = 2 });
        var inFlight = new WritePacingTests.InFlight();
        hub.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithCallback(inFlight.Respond));

        var reads = Enumerable.Range(0, 6)
            .Select(i => hub.Http.GetAsync(new Uri(hub.Server.Url + $"/github/api/v3/repos/acme/widget/issues/{i}"), Ct))
            .ToList();
        foreach (var response in await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(15), Ct))
        {
            response.Dispose();
        }

        Assert.Equal(6, hub.RequestCount);
        Assert.InRange(inFlight.Max, 1, 2);
    }

    [Fact]
    public async Task AfterA401_FurtherRequestsFailWithoutSendingUntilTheCoolDownEnds()
    {
        using var lab = new LimitsFixture("work", TrackerKind.GitLab, "/api/v4");
        lab.Server.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"message":"401 Unauthorized"}"""));
        Task<TrackerIssue> GetIssue() => lab.Client.GetIssueAsync("acme/widget", 7, Ct);

        await Assert.ThrowsAsync<TrackerUnauthorizedException>(GetIssue);
        var second = await Assert.ThrowsAsync<TrackerUnauthorizedException>(GetIssue);
        await Assert.ThrowsAsync<TrackerUnauthorizedException>(() => lab.Client.GetCurrentUserAsync(Ct));

        Assert.Equal(1, lab.RequestCount);
        Assert.Equal("work", second.TrackerName);
        Assert.Contains("IssueSync:Trackers:work:Token", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LimitsFixture.Token, second.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Logs.Entries, e => e.Message.Contains(LimitsFixture.Token, StringComparison.Ordinal));

        lab.Time.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<TrackerUnauthorizedException>(GetIssue);

        Assert.Equal(2, lab.RequestCount);
    }

    [Fact]
    public async Task TransientRetryDelay_RunsOnTheInjectedClock()
    {
        var resilience = LimitsFixture.NoTransientRetries with { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(2) };
        using var lab = new LimitsFixture("work", TrackerKind.GitLab, "/api/v4", resilience: resilience);
        var request = Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet();
        lab.Server.Given(request).InScenario("flaky").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(503));
        lab.Server.Given(request).InScenario("flaky").WhenStateIs("ok").RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssue(7)));

        var pending = lab.Client.GetIssueAsync("acme/widget", 7, Ct);
        await LimitsFixture.Until(() => lab.RequestCount == 1);

        // An hour's back-off on the real clock would outlast the safety net; on the fake clock it passes as the
        // test advances it (in steps, because the timer may be armed after the first step).
        Assert.False(pending.IsCompleted);
        await LimitsFixture.Until(() =>
        {
            lab.Time.Advance(TimeSpan.FromMinutes(10));
            return lab.RequestCount == 2;
        });
        var issue = await LimitsFixture.Done(pending);

        Assert.Equal(7, issue.Ref.Number);
        Assert.Equal(2, lab.RequestCount);
    }
}
