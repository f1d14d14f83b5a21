using System.Net;
using Polly;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Trackers.GitLab;
using Sync.Worker.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers;

/// <summary>
/// The HTTP pipeline never retries a create blindly: after a 5xx, a timeout or a connection lost after sending, the
/// tracker may have committed it, and only the writer can look it up. Reads and idempotent edits keep their retries.
/// </summary>
public sealed class WriteRetryTests : IDisposable
{
    private const string Root = "/api/v4/";

    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task CreateComment_Answered502_IsSentOnce_AndTheErrorReachesTheWriter()
    {
        FailOnceThen("POST", "/issues/41/notes", 201, GitLabPayloads.NormalNote);

        await Assert.ThrowsAsync<TrackerUnavailableException>(() => _lab.Client.CreateCommentAsync("acme/widget", 41, "hello", isInternal: false, Ct));

        Assert.Single(_lab.Requests);
    }

    [Theory]
    [InlineData("GET", "/issues/41/notes")]
    [InlineData("PUT", "/issues/41")]
    public async Task ReadsAndEdits_Answered502_AreRetried(string method, string suffix)
    {
        FailOnceThen(method, suffix, 200, method == "GET" ? GitLabPayloads.Notes : Payloads.GitLabIssue(41, "opened"));

        if (method == "GET")
        {
            await _lab.Client.ListCommentsAsync("acme/widget", 41, Ct).ToListAsync(Ct);
        }
        else
        {
            await _lab.Client.EditIssueAsync("acme/widget", 41, new IssueEdit(Title: "t"), Ct);
        }

        Assert.Equal(2, _lab.Requests.Count);
    }

    public static TheoryData<string, string, HttpRequestError, bool> Outcomes => new()
    {
        // A POST that certainly never reached the tracker is safe to send again; any other transient outcome is not.
        { "POST", "https://gitlab.example/api/v4/projects/1/issues", HttpRequestError.ConnectionError, true },
        { "POST", "https://gitlab.example/api/v4/projects/1/issues", HttpRequestError.NameResolutionError, true },
        { "POST", "https://gitlab.example/api/v4/projects/1/issues", HttpRequestError.ResponseEnded, false },
        { "POST", "https://gitlab.example/api/v4/projects/1/issues", HttpRequestError.Unknown, false },
        { "GET", "https://gitlab.example/api/v4/projects/1/issues", HttpRequestError.ResponseEnded, true },
        { "PUT", "https://gitlab.example/api/v4/projects/1/issues/2", HttpRequestError.ResponseEnded, true },
        { "POST", "https://api.github.com/graphql", HttpRequestError.ResponseEnded, true },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void ShouldRetry_AfterAConnectionError_OnlyWhenSendingAgainCannotDuplicate(string method, string url, HttpRequestError error, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var root = url.Contains("github", StringComparison.Ordinal) ? "/" : Root;

        Assert.Equal(expected, TrackerResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "lost")), request, root));
    }

    [Theory]
    [InlineData("POST", false)]
    [InlineData("GET", true)]
    [InlineData("PATCH", true)]
    [InlineData("DELETE", true)]
    public void ShouldRetry_After502_OnlyWhenSendingAgainCannotDuplicate(string method, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://gitlab.example/api/v4/projects/1/issues");
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request };

        Assert.Equal(expected, TrackerResilience.ShouldRetry(Outcome.FromResult(response), request, Root));
    }

    private void FailOnceThen(string method, string suffix, int status, string body)
    {
        var request = Request.Create().WithPath(new WildcardMatcher(GitLabContract.Root + "/projects/*" + suffix, ignoreCase: false)).UsingMethod(method);
        _lab.Fixture.Server.Given(request).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("""{"message":"502 Bad Gateway"}"""));
        _lab.Fixture.Server.Given(request).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }
}
