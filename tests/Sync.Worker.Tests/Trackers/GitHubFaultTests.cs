using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers;

/// <summary>Octokit's exceptions and GitHub's limit answers, translated in one place.</summary>
public sealed class GitHubFaultTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string IssuePath = Root + "/repos/acme/widget/issues/42";
    private readonly TrackerFixture _fixture = new("hub", TrackerKind.GitHub, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private static IRequestBuilder IssueRequest() => Request.Create().WithPath(IssuePath).UsingGet();

    private static IResponseBuilder Json(int status, string body) => GitHubTrackerClientTests.Json(status, body);

    private Task<TrackerIssue> GetIssue() => _fixture.Client.GetIssueAsync("acme/widget", 42, Ct);

    [Fact]
    public async Task GetIssue_On401_ThrowsUnauthorizedNamingTrackerWithoutToken()
    {
        _fixture.Server.Given(IssueRequest())
            .RespondWith(Json(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"""));

        var error = await Assert.ThrowsAsync<TrackerUnauthorizedException>(GetIssue);

        Assert.Equal("hub", error.TrackerName);
        Assert.Equal("Tracker 'hub' rejected the token (401 Unauthorized); check IssueSync:Trackers:hub:Token", error.Message);
        Assert.DoesNotContain(TrackerFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Logs.Entries, e => e.Message.Contains(TrackerFixture.Token, StringComparison.Ordinal));
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_On404_ThrowsNotFoundWithoutRetry()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"""));

        await Assert.ThrowsAsync<TrackerNotFoundException>(GetIssue);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_On422_ThrowsValidationWithGitHubMessageWithoutRetry()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Json(422, """
            {"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field","message":"title is missing"}],
             "documentation_url":"https://docs.github.com/rest"}
            """));

        var error = await Assert.ThrowsAsync<TrackerValidationException>(GetIssue);

        Assert.Equal(422, error.StatusCode);
        Assert.Contains("title is missing", error.TrackerMessage, StringComparison.Ordinal);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_On403WithoutLimitSignal_ThrowsForbiddenWithoutRetry()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Json(403, """{"message":"Resource not accessible by personal access token"}"""));

        await Assert.ThrowsAsync<TrackerForbiddenException>(GetIssue);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_On500Then200_RetriesOnceAndSucceeds()
    {
        _fixture.Server.Given(IssueRequest()).InScenario("flaky").WillSetStateTo("ok").RespondWith(Json(500, """{"message":"Server Error"}"""));
        _fixture.Server.Given(IssueRequest()).InScenario("flaky").WhenStateIs("ok").RespondWith(Json(200, Payloads.GitHubIssue(42)));

        var issue = await GetIssue();

        Assert.Equal(42, issue.Ref.Number);
        Assert.Equal(2, _fixture.RequestCount);
        Assert.Equal(2, _fixture.Counter.Snapshot().Trackers["hub"].Count("GET", EndpointKinds.IssuesGet));
    }

    [Fact]
    public async Task GetIssue_On429WithRetryAfter_RetriesAndSucceeds()
    {
        _fixture.Server.Given(IssueRequest()).InScenario("limited").WillSetStateTo("free")
            .RespondWith(Json(429, """{"message":"Too many requests"}""").WithHeader("Retry-After", "1"));
        _fixture.Server.Given(IssueRequest()).InScenario("limited").WhenStateIs("free").RespondWith(Json(200, Payloads.GitHubIssue(42)));

        var issue = await GetIssue();

        Assert.Equal(42, issue.Ref.Number);
        Assert.Equal(2, _fixture.RequestCount);
        var retry = Assert.Single(_fixture.Logs.Entries, e => e.EventId == 1101);
        Assert.Contains("in 1000 ms after 429", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIssue_OnPersistent429_ThrowsRateLimitedAfterRetries()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Json(429, """{"message":"Too many requests"}""").WithHeader("Retry-After", "0"));

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);

        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal(1 + TrackerFixture.FastRetries.MaxRetryAttempts, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_OnSecondaryLimitWithLongRetryAfter_ThrowsRateLimitedWithoutRetry()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(
            Json(403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""")
                .WithHeader("Retry-After", "120"));

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_OnPrimaryLimit_ThrowsRateLimitedWithResetTime()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(
            Json(403, """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest"}""")
                .WithHeader("x-ratelimit-limit", "5000")
                .WithHeader("x-ratelimit-remaining", "0")
                .WithHeader("x-ratelimit-used", "5000")
                .WithHeader("x-ratelimit-reset", "1700000000")
                .WithHeader("x-ratelimit-resource", "core"));

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), error.ResetAt);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_OnMalformedJson_ThrowsProtocolError()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Json(200, """{"id": 1, "number": 42, "title": """));

        var error = await Assert.ThrowsAsync<TrackerProtocolException>(GetIssue);
        Assert.IsType<System.Runtime.Serialization.SerializationException>(error.InnerException);
        Assert.Equal(1, _fixture.RequestCount);
    }
}
