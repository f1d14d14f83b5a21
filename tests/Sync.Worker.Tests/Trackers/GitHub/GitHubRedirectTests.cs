using Sync.Core.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// With automatic redirects off, Octokit's <c>HttpClientAdapter</c> follows GitHub's redirects itself, back through the
/// tracker's handler chain, where <c>TrackerAuthHandler</c> keeps the token on GitHub's own origin and drops it anywhere else.
/// </summary>
public sealed class GitHubRedirectTests : IDisposable
{
    private const string IssuePath = "/api/v3/repos/acme/widget/issues/42";

    private readonly TwoHostFixture _hosts = new(TrackerKind.GitHub, "/api/v3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _hosts.Dispose();

    [Fact]
    public async Task GetIssue_WhenGitHubAnswers301ForATransferredIssue_FollowsItWithTheToken()
    {
        _hosts.Tracker.Given(Request.Create().WithPath(IssuePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", $"{_hosts.Tracker.Url}/api/v3/repositories/99/issues/42"));
        _hosts.Tracker.Given(Request.Create().WithPath("/api/v3/repositories/99/issues/42").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.GitHubIssue(42)));

        var issue = await _hosts.Client.GetIssueAsync("acme/widget", 42, Ct);

        Assert.Equal(42, issue.Ref.Number);
        Assert.Equal(["GET " + IssuePath, "GET /api/v3/repositories/99/issues/42"], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.All(_hosts.Tracker.LogEntries, e => Assert.Equal($"Bearer {TrackerFixture.Token}", TwoHostFixture.Header(e, "Authorization")));
        Assert.Empty(_hosts.Elsewhere.LogEntries);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task GetIssue_WhenRedirectedToAnotherHost_NeverSendsTheToken(int status)
    {
        _hosts.Tracker.Given(Request.Create().WithPath(IssuePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", $"{_hosts.Elsewhere.Url}/mirror/issues/42"));
        _hosts.Elsewhere.Given(Request.Create().WithPath("/mirror/issues/42").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.GitHubIssue(42)));

        // Followed (Octokit's choice) or refused would both be fine; sending the token there would not.
        try
        {
            await _hosts.Client.GetIssueAsync("acme/widget", 42, Ct);
        }
        catch (TrackerException)
        {
        }

        Assert.Equal(["GET " + IssuePath], TwoHostFixture.Lines(_hosts.Tracker));
        Assert.Equal(["GET /mirror/issues/42"], TwoHostFixture.Lines(_hosts.Elsewhere));
        Assert.False(TwoHostFixture.CarriesCredentials(_hosts.Elsewhere.LogEntries.Single()));
    }
}
