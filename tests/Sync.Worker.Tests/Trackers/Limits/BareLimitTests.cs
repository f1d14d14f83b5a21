using Sync.Core.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// GitLab 429s that say nothing about when to retry (no <c>Retry-After</c>, no <c>RateLimit-*</c>), as gitlab.com has
/// sent them, and the client-side hourly budget. Answers shaped like GitLab's: <c>Retry later</c>, text/plain.
/// </summary>
public sealed class BareLimitTests : IDisposable
{
    private readonly LimitsFixture _lab = new("lab", TrackerKind.GitLab, "/api/v4");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    private static IResponseBuilder Bare429() =>
        Response.Create().WithStatusCode(429).WithHeader("Content-Type", "text/plain").WithBody("Retry later");

    private static IRequestBuilder Issue(long iid) =>
        Request.Create().WithPath(new WildcardMatcher($"/api/v4/projects/*/issues/{iid}")).UsingGet();

    [Fact]
    public async Task RepeatedBare429_StopsAfterMaxLimitRetries_WithRateLimitedNamingTheTrackerAndNotTheToken()
    {
        _lab.Server.Given(Issue(7)).RespondWith(Bare429());

        var pending = _lab.Client.GetIssueAsync("acme/widget", 7, Ct);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await LimitsFixture.Until(() => _lab.Limiter.PendingWaits == 1);
            Assert.Equal(attempt, _lab.RequestCount);

            // Each wait ends with a throttle window (1, then 2, then 4 windows on) and stays under MaxWait.
            _lab.Time.Advance(TimeSpan.FromMinutes(5));
            await LimitsFixture.Until(() => _lab.RequestCount == attempt + 1);
        }

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(() => pending.WaitAsync(TimeSpan.FromSeconds(15), Ct));

        // The first try and MaxLimitRetries (3) retries, not one more.
        Assert.Equal(4, _lab.RequestCount);
        Assert.Equal("lab", error.TrackerName);
        Assert.Contains("'lab'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LimitsFixture.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare429Storm_ConcurrentRefusals_ShareOnePauseUntilTheWindowEnds_InsteadOfRampingIt()
    {
        // Four reads in flight together (the delay keeps them so) are all refused; each is then served.
        for (var iid = 1; iid <= 4; iid++)
        {
            var scenario = "storm" + iid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _lab.Server.Given(Issue(iid)).InScenario(scenario).WillSetStateTo("served")
                .RespondWith(Bare429().WithDelay(TimeSpan.FromMilliseconds(300)));
            _lab.Server.Given(Issue(iid)).InScenario(scenario).WhenStateIs("served")
                .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssue(iid)));
        }

        var reads = Enumerable.Range(1, 4).Select(iid => _lab.Client.GetIssueAsync("acme/widget", iid, Ct)).ToList();
        await LimitsFixture.Until(() => _lab.Limiter.PendingWaits == 4);
        Assert.Equal(4, _lab.RequestCount);

        // One pause for the storm: the window's end plus at most 5 s of jitter, not 1 + 2 + 4 + 8 minutes.
        _lab.Time.Advance(TimeSpan.FromSeconds(65));
        var issues = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal([1, 2, 3, 4], issues.Select(i => i.Ref.Number).Order());
        Assert.Equal(8, _lab.RequestCount);
    }

    [Fact]
    public async Task HourlyRequestBudget_WhenSpent_FailsAtOnceWithTheResetInsteadOfWaitingAnHour()
    {
        using var lab = new LimitsFixture("plan", TrackerKind.GitLab, "/api/v4", l => l with { RequestsPerHour = 2 });
        lab.Server.Given(Request.Create().WithPath("/api/v4/user").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":1,"username":"bot"}"""));
        await lab.Client.GetCurrentUserAsync(Ct);
        await lab.Client.GetCurrentUserAsync(Ct);

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(() => lab.Client.GetCurrentUserAsync(Ct));

        Assert.Equal(lab.Time.GetUtcNow() + TimeSpan.FromHours(1), error.ResetAt);
        Assert.Equal(2, lab.RequestCount);
    }
}
