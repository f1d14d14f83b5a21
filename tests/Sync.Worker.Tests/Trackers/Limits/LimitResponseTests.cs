using Sync.Core.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>GitHub's 403/429 limit answers and GitLab's 429: wait as documented, tracker-wide, then retry.</summary>
public sealed class LimitResponseTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string IssuePath = Root + "/repos/acme/widget/issues/42";
    private const string Secondary = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";
    private readonly LimitsFixture _hub = new("hub", TrackerKind.GitHub, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _hub.Dispose();

    private static IRequestBuilder IssueRequest() => Request.Create().WithPath(IssuePath).UsingGet();

    private static IResponseBuilder Json(int status, string body) => GitHubTrackerClientTests.Json(status, body);

    private Task<TrackerIssue> GetIssue() => _hub.Client.GetIssueAsync("acme/widget", 42, Ct);

    private void LimitedThenOk(params IResponseBuilder[] limited)
    {
        var state = "0";
        for (var i = 0; i < limited.Length; i++)
        {
            var next = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var given = _hub.Server.Given(IssueRequest()).InScenario("limits");
            (i == 0 ? given : given.WhenStateIs(state)).WillSetStateTo(next).RespondWith(limited[i]);
            state = next;
        }

        _hub.Server.Given(IssueRequest()).InScenario("limits").WhenStateIs(state).RespondWith(Json(200, Payloads.GitHubIssue(42)));
    }

    private async Task AdvanceAndExpect(TimeSpan by, int requests)
    {
        _hub.Time.Advance(by);
        await LimitsFixture.Until(() => _hub.RequestCount >= requests);
        Assert.Equal(requests, _hub.RequestCount);
    }

    [Fact]
    public async Task SecondaryLimit403WithRetryAfter_WaitsThatLongThenRetries()
    {
        LimitedThenOk(Json(403, Secondary).WithHeader("retry-after", "30"));

        var pending = GetIssue();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        Assert.Equal(1, _hub.RequestCount);

        await AdvanceAndExpect(TimeSpan.FromSeconds(29), 1);
        _hub.Time.Advance(TimeSpan.FromSeconds(1));
        var issue = await LimitsFixture.Done(pending);

        Assert.Equal(42, issue.Ref.Number);
        Assert.Equal(2, _hub.RequestCount);
    }

    [Fact]
    public async Task SecondaryLimit_PausesTheWholeTracker()
    {
        LimitedThenOk(Json(403, Secondary).WithHeader("retry-after", "30"));
        _hub.Server.Given(Request.Create().WithPath(Root + "/user").UsingGet())
            .RespondWith(Json(200, """{"login":"octocat","id":1}"""));

        var limited = GetIssue();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        var other = _hub.Client.GetCurrentUserAsync(Ct);
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 2);
        Assert.Equal(1, _hub.RequestCount);

        _hub.Time.Advance(TimeSpan.FromSeconds(30));
        await LimitsFixture.Done(limited);
        await LimitsFixture.Done(other);

        Assert.Equal(3, _hub.RequestCount);
    }

    [Fact]
    public async Task SecondaryLimitWithoutRetryAfter_WaitsAtLeastOneMinute()
    {
        LimitedThenOk(Json(403, Secondary));

        var pending = GetIssue();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);

        await AdvanceAndExpect(TimeSpan.FromSeconds(59), 1);
        _hub.Time.Advance(TimeSpan.FromSeconds(1));
        await LimitsFixture.Done(pending);

        Assert.Equal(2, _hub.RequestCount);
    }

    [Fact]
    public async Task RepeatedSecondaryLimit_BacksOffExponentially()
    {
        LimitedThenOk(Json(403, Secondary), Json(429, Secondary));

        var pending = GetIssue();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        await AdvanceAndExpect(TimeSpan.FromSeconds(60), 2);

        // Second limit in a row: 2 minutes this time.
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        await AdvanceAndExpect(TimeSpan.FromSeconds(119), 2);
        _hub.Time.Advance(TimeSpan.FromSeconds(1));
        await LimitsFixture.Done(pending);

        Assert.Equal(3, _hub.RequestCount);
    }

    [Fact]
    public async Task PrimaryExhaustion403_WaitsUntilResetThenRetries()
    {
        LimitedThenOk(Json(403, """{"message":"API rate limit exceeded for user ID 1."}""")
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", "0")
            .WithHeader("x-ratelimit-reset", _hub.ResetIn(TimeSpan.FromSeconds(90))));

        var pending = GetIssue();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        await AdvanceAndExpect(TimeSpan.FromSeconds(89), 1);
        _hub.Time.Advance(TimeSpan.FromSeconds(1));
        await LimitsFixture.Done(pending);

        Assert.Equal(2, _hub.RequestCount);
    }

    [Fact]
    public async Task PermissionError403_IsNotRetriedAndKeepsItsMessage()
    {
        _hub.Server.Given(IssueRequest()).RespondWith(Json(403, """{"message":"Resource not accessible by personal access token"}"""));

        var error = await Assert.ThrowsAsync<TrackerForbiddenException>(GetIssue);

        // The gate read the body to classify it; the adapter could still read it afterwards.
        Assert.Contains("Resource not accessible by personal access token", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _hub.RequestCount);
        Assert.Equal(0, _hub.Limiter.PendingWaits);
    }

    [Fact]
    public async Task LimitBeyondMaxWait_ThrowsRateLimitedWithResetAtAfterOneRequest()
    {
        var reset = _hub.Time.GetUtcNow() + TimeSpan.FromHours(1);
        _hub.Server.Given(IssueRequest()).RespondWith(Json(403, """{"message":"API rate limit exceeded for user ID 1."}""")
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", "0")
            .WithHeader("x-ratelimit-reset", _hub.ResetIn(TimeSpan.FromHours(1))));

        var first = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);
        var second = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);

        Assert.Equal(reset, first.ResetAt);
        Assert.Equal(reset, second.ResetAt);
        Assert.Equal(1, _hub.RequestCount);
    }

    [Fact]
    public async Task GitLab429WithRetryAfter_WaitsThenRetries()
    {
        using var lab = new LimitsFixture("work", TrackerKind.GitLab, "/api/v4");
        var request = Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet();
        lab.Server.Given(request).InScenario("limited").WillSetStateTo("free")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "10").WithBody("Retry later"));
        lab.Server.Given(request).InScenario("limited").WhenStateIs("free")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssue(7)));

        var pending = lab.Client.GetIssueAsync("acme/widget", 7, Ct);
        await LimitsFixture.Until(() => lab.Limiter.PendingWaits == 1);
        lab.Time.Advance(TimeSpan.FromSeconds(9));
        await LimitsFixture.Until(() => lab.Limiter.PendingWaits == 1);
        Assert.Equal(1, lab.RequestCount);

        lab.Time.Advance(TimeSpan.FromSeconds(1));
        var issue = await LimitsFixture.Done(pending);

        Assert.Equal(7, issue.Ref.Number);
        Assert.Equal(2, lab.RequestCount);
    }
}
