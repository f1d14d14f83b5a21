using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers;

/// <summary>Error translation and retry budget of the GitLab adapter (the pipeline is shared with GitHub).</summary>
public sealed class GitLabFaultTests : IDisposable
{
    private const string Root = "/api/v4";
    private readonly TrackerFixture _fixture = new("work", TrackerKind.GitLab, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private static IRequestBuilder IssueRequest() =>
        Request.Create().WithPath(new WildcardMatcher(Root + "/projects/*/issues/7")).UsingGet();

    private Task<TrackerIssue> GetIssue() => _fixture.Client.GetIssueAsync("acme/widget", 7, Ct);

    [Fact]
    public async Task GetIssue_On401_ThrowsUnauthorizedNamingTrackerWithoutToken()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"message":"401 Unauthorized"}"""));

        var error = await Assert.ThrowsAsync<TrackerUnauthorizedException>(GetIssue);

        Assert.Equal("work", error.TrackerName);
        Assert.Equal("Tracker 'work' rejected the token (401 Unauthorized); check IssueSync:Trackers:work:Token", error.Message);
        Assert.DoesNotContain(TrackerFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Logs.Entries, e => e.Message.Contains(TrackerFixture.Token, StringComparison.Ordinal));
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Theory]
    [InlineData(404, typeof(TrackerNotFoundException), """{"message":"404 Project Not Found"}""")]
    [InlineData(400, typeof(TrackerValidationException), """{"message":{"title":["can't be blank"]}}""")]
    [InlineData(422, typeof(TrackerValidationException), """{"message":"Unprocessable"}""")]
    [InlineData(403, typeof(TrackerForbiddenException), """{"message":"403 Forbidden"}""")]
    public async Task GetIssue_OnClientError_ThrowsTypedErrorWithoutRetry(int status, Type expected, string body)
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

        var error = await Assert.ThrowsAnyAsync<TrackerException>(GetIssue);

        Assert.IsType(expected, error);
        Assert.Equal(1, _fixture.RequestCount);
        Assert.Equal(1, _fixture.Counter.Snapshot().TotalFor("work"));
    }

    [Fact]
    public async Task GetIssue_On400_CarriesTrackerMessage()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"message":{"title":["can't be blank"]}}"""));

        var error = await Assert.ThrowsAsync<TrackerValidationException>(GetIssue);

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("can't be blank", error.TrackerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIssue_On500Then200_RetriesOnceAndSucceeds()
    {
        _fixture.Server.Given(IssueRequest()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"message":"500 Internal Server Error"}"""));
        _fixture.Server.Given(IssueRequest()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssue(7)));

        var issue = await GetIssue();

        Assert.Equal(7, issue.Ref.Number);
        Assert.Equal(2, _fixture.RequestCount);
        var counts = _fixture.Counter.Snapshot().Trackers["work"];
        Assert.Equal(2, counts.Total);
        Assert.Equal(1, counts.ByStatus[new RequestKey("work", "GET", EndpointKinds.IssuesGet, 500)]);
        Assert.Equal(1, counts.ByStatus[new RequestKey("work", "GET", EndpointKinds.IssuesGet, 200)]);
    }

    [Fact]
    public async Task GetIssue_OnPersistent503_ThrowsUnavailableAfterRetries()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(503));

        var error = await Assert.ThrowsAsync<TrackerUnavailableException>(GetIssue);

        Assert.Equal("work", error.TrackerName);
        Assert.Equal(1 + TrackerFixture.FastRetries.MaxRetryAttempts, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_On429WithRetryAfter_WaitsRetryAfterThenSucceeds()
    {
        _fixture.Server.Given(IssueRequest()).InScenario("limited").WillSetStateTo("free")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("Retry later"));
        _fixture.Server.Given(IssueRequest()).InScenario("limited").WhenStateIs("free")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.GitLabIssue(7)));

        var issue = await GetIssue();

        Assert.Equal(7, issue.Ref.Number);
        Assert.Equal(2, _fixture.RequestCount);
        // The retry waited what the tracker asked (1 s), not the 1 ms back-off of the options.
        var retry = Assert.Single(_fixture.Logs.Entries, e => e.EventId == 1101);
        Assert.Contains("in 1000 ms after 429", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIssue_On429WithLongRetryAfter_ThrowsRateLimitedWithoutWaiting()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create()
            .WithStatusCode(429)
            .WithHeader("Retry-After", "120")
            .WithHeader("RateLimit-Reset", "1700000000")
            .WithBody("Retry later"));

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(GetIssue);

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), error.ResetAt);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_OnMalformedJson_ThrowsProtocolError()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id": 1, "iid": 7, "title": """));

        await Assert.ThrowsAsync<TrackerProtocolException>(GetIssue);
        Assert.Equal(1, _fixture.RequestCount);
    }

    [Fact]
    public async Task GetIssue_OnPayloadMissingRequiredFields_ThrowsProtocolError()
    {
        _fixture.Server.Given(IssueRequest()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id": 1, "iid": 7}"""));

        await Assert.ThrowsAsync<TrackerProtocolException>(GetIssue);
    }

    [Fact]
    public async Task GetIssue_WhenAttemptsTimeOut_ThrowsUnavailableAfterRetries()
    {
        using var fixture = new TrackerFixture("slow", TrackerKind.GitLab, Root, TrackerFixture.FastRetries with
        {
            MaxRetryAttempts = 1,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
        });
        fixture.Server.Given(IssueRequest())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)).WithBody(Payloads.GitLabIssue(7)));

        await Assert.ThrowsAsync<TrackerUnavailableException>(() => fixture.Client.GetIssueAsync("acme/widget", 7, Ct));

        Assert.Equal(2, fixture.Counter.Snapshot().TotalFor("slow"));
    }

    [Fact]
    public async Task ListIssues_WhenCallerCancels_ThrowsOperationCanceledNotTrackerError()
    {
        _fixture.Server.Given(Request.Create().WithPath(new WildcardMatcher(Root + "/projects/*/issues")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)).WithBody("[]"));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(), cancellation.Token).ToListAsync(cancellation.Token));
    }
}
