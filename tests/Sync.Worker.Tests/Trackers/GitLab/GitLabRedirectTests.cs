using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// The GitLab token never follows a redirect: the upload route may send IssueSync to object storage (followed by hand,
/// without credentials), every other 3xx is an error. Two real hosts over loopback; every request they saw is asserted.
/// </summary>
public sealed class GitLabRedirectTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private const string Route = "/api/v4/projects/acme%2Fwidget/uploads/" + Secret + "/shot.png";
    private const string Link = "/uploads/" + Secret + "/shot.png";

    private readonly TwoHostFixture _hosts = new(TrackerKind.GitLab, "/api/v4");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _hosts.Dispose();

    [Fact]
    public async Task DownloadUpload_WhenRedirectedToAnotherHost_SendsNoToken()
    {
        RedirectRoute($"{_hosts.Elsewhere.Url}/bucket/shot.png?X-Amz-Signature=abc");
        _hosts.Elsewhere.Given(Request.Create().WithPath("/bucket/shot.png").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/png").WithBody([9, 8, 7]));

        var bytes = await _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct);

        Assert.Equal([9, 8, 7], bytes);
        Assert.Equal(["GET " + Route], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Equal(TrackerFixture.Token, TwoHostFixture.Header(_hosts.Tracker.LogEntries.Single(), "PRIVATE-TOKEN"));
        Assert.Equal(["GET /bucket/shot.png?X-Amz-Signature=abc"], TwoHostFixture.Lines(_hosts.Elsewhere));
        Assert.False(TwoHostFixture.CarriesCredentials(_hosts.Elsewhere.LogEntries.Single()));
    }

    [Theory]
    [InlineData("/api/v4/projects/acme%2Fwidget/issues")]
    [InlineData("/api/v4/projects/acme%2Fwidget/uploads/" + Secret + "/shot.png")]
    [InlineData("/acme/widget/uploads/" + Secret + "/shot.png")]
    public async Task DownloadUpload_WhenRedirectedBackToTheTracker_RefusesWithoutFollowing(string location)
    {
        RedirectRoute(_hosts.Tracker.Url + location);

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct));

        Assert.Equal("shot.png", error.FileName);
        Assert.Equal(["GET " + Route], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Empty(_hosts.Elsewhere.LogEntries);
    }

    [Fact]
    public async Task DownloadUpload_WhenRedirectedMoreThanThreeTimes_RefusesAfterTheThird()
    {
        RedirectRoute($"{_hosts.Elsewhere.Url}/hop/1");
        for (var hop = 1; hop <= 4; hop++)
        {
            _hosts.Elsewhere.Given(Request.Create().WithPath($"/hop/{hop}").UsingGet())
                .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", $"{_hosts.Elsewhere.Url}/hop/{hop + 1}"));
        }

        await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct));

        Assert.Equal(["GET " + Route], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Equal(["GET /hop/1", "GET /hop/2", "GET /hop/3"], TwoHostFixture.Lines(_hosts.Elsewhere));
        Assert.DoesNotContain(_hosts.Elsewhere.LogEntries, TwoHostFixture.CarriesCredentials);
    }

    [Fact]
    public async Task DownloadUpload_WhenTheOtherHostRedirectsBackToTheTracker_RefusesWithoutATokenedRequest()
    {
        RedirectRoute($"{_hosts.Elsewhere.Url}/bucket/shot.png");
        _hosts.Elsewhere.Given(Request.Create().WithPath("/bucket/shot.png").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", $"{_hosts.Tracker.Url}/api/v4/user"));

        await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct));

        Assert.Equal(["GET " + Route], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Equal(["GET /bucket/shot.png"], TwoHostFixture.Lines(_hosts.Elsewhere));
    }

    [Fact]
    public async Task DownloadUpload_WhenTheOtherHostAnswersJson_Refuses()
    {
        RedirectRoute($"{_hosts.Elsewhere.Url}/bucket/shot.png");
        _hosts.Elsewhere.Given(Request.Create().WithPath("/bucket/shot.png").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/vnd.api+json").WithBody("""{"token":"x"}"""));

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct));

        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadUpload_WhenTheOtherHostRefuses_IsRefusedWithoutTheSignedUrl()
    {
        RedirectRoute($"{_hosts.Elsewhere.Url}/bucket/shot.png?X-Amz-Signature=abc");
        _hosts.Elsewhere.Given(Request.Create().WithPath("/bucket/shot.png").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("<Error><Code>AccessDenied</Code></Error>"));

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", Link, Ct));

        Assert.DoesNotContain("X-Amz-Signature", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccessDenied", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task GetIssue_WhenRedirected_FailsWithOneLineErrorAndSendsNothingElsewhere(int status)
    {
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", $"{_hosts.Elsewhere.Url}/steal?x=1")
                .WithHeader("Content-Type", "application/json").WithBody("""{"message":"moved\nsomewhere"}"""));

        var error = await Assert.ThrowsAsync<TrackerException>(() => _hosts.Client.GetIssueAsync("acme/widget", 7, Ct));

        Assert.Equal(typeof(TrackerException), error.GetType());
        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(_hosts.Elsewhere.Url!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["GET /api/v4/projects/acme%2Fwidget/issues/7"], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Empty(_hosts.Elsewhere.LogEntries);
    }

    [Fact]
    public async Task GetIssue_RenamedProjectRedirectedInsideTheApi_IsFollowedWithTheToken()
    {
        // GitLab answers a renamed project's old path with a 301 to the same route by id (lib/api/helpers.rb, project_moved?).
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet()).AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", $"{_hosts.Tracker.Url}/api/v4/projects/42/issues/7"));
        _hosts.Tracker.Given(Request.Create().WithPath("/api/v4/projects/42/issues/7").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.GitLabIssue(7, "opened")));

        var issue = await _hosts.Client.GetIssueAsync("acme/widget", 7, Ct);

        Assert.Equal(7, issue.Ref.Number);
        Assert.Equal(["GET /api/v4/projects/acme%2Fwidget/issues/7", "GET /api/v4/projects/42/issues/7"], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.All(_hosts.Tracker.LogEntries, e => Assert.Equal(TrackerFixture.Token, TwoHostFixture.Header(e, "PRIVATE-TOKEN")));
        Assert.Empty(_hosts.Elsewhere.LogEntries);
    }

    [Fact]
    public async Task GetIssue_RedirectedOutsideTheApiOnTheSameHost_IsNotFollowed()
    {
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/issues/7")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/users/sign_in"));

        await Assert.ThrowsAsync<TrackerException>(() => _hosts.Client.GetIssueAsync("acme/widget", 7, Ct));

        Assert.Equal(["GET /api/v4/projects/acme%2Fwidget/issues/7"], TwoHostFixture.Lines(_hosts.Tracker));
    }

    private void RedirectRoute(string location) =>
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/uploads/" + Secret + "/shot.png")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", location));
}
