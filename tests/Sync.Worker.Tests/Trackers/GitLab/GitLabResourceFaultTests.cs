using System.Text;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>Faults on the newer GitLab resources go through the same translation and retry budget as issues.</summary>
public sealed class GitLabResourceFaultTests : IDisposable
{
    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    private void FailOnceThen(string method, string suffix, int status, string body)
    {
        var request = Request.Create().WithPath(new WildcardMatcher(GitLabContract.Root + "/projects/*" + suffix, ignoreCase: false)).UsingMethod(method);
        _lab.Fixture.Server.Given(request).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"message":"503 Service Unavailable"}"""));
        _lab.Fixture.Server.Given(request).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    [Fact]
    public async Task ListComments_After503_RetriesOnceAndCountsBothAttempts()
    {
        FailOnceThen("GET", "/issues/41/notes", 200, GitLabPayloads.Notes);

        var comments = await _lab.Client.ListCommentsAsync("acme/widget", 41, Ct).ToListAsync(Ct);

        Assert.Equal(4, comments.Count);
        Assert.Equal(2, _lab.Requests.Count);
        Assert.Equal(2, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("GET", "notes.list"));
    }

    [Fact]
    public async Task UploadFile_After503_IsNotRetriedBlindly_TheCallerDecides()
    {
        // A 503 after the body was sent does not say whether GitLab stored the file: a POST is never retried by the
        // HTTP pipeline (the writer looks the write up first, or, for an upload, which has no lookup, sends it again).
        FailOnceThen("POST", "/uploads", 201, GitLabPayloads.Upload);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("PNGDATA"));

        await Assert.ThrowsAsync<TrackerUnavailableException>(() => _lab.Client.Uploads().UploadFileAsync("acme/widget", "dk.png", content, Ct));
        content.Position = 0;
        var upload = await _lab.Client.Uploads().UploadFileAsync("acme/widget", "dk.png", content, Ct);

        Assert.StartsWith("/uploads/", upload.Url, StringComparison.Ordinal);
        Assert.Equal(2, _lab.Requests.Count);
        Assert.All(_lab.Requests, r => Assert.Contains("PNGDATA", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListLabels_WithMalformedJson_ThrowsProtocolError()
    {
        _lab.Stub("GET", "/labels", 200, """[{"id": 1, "name": """);

        await Assert.ThrowsAsync<TrackerProtocolException>(() => _lab.Client.ListLabelsAsync("acme/widget", Ct).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task CreateLabel_On409ButLabelNotListed_KeepsTheOriginalError()
    {
        _lab.Stub("POST", "/labels", 409, """{"message":"Label already exists"}""");
        _lab.Stub("GET", "/labels", 200, $"[{GitLabPayloads.Label(1, "ux")}]");

        var error = await Assert.ThrowsAnyAsync<TrackerException>(() => _lab.Client.CreateLabelAsync("acme/widget", new TrackerLabel("bug", "#FF0000"), Ct));

        Assert.Contains("409", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _lab.Requests.Count);
    }

    [Fact]
    public async Task EnsureBoard_OnUnknownProject_ThrowsNotFoundAfterOneRequest()
    {
        _lab.Stub("GET", "/boards", 404, """{"message":"404 Project Not Found"}""");

        await Assert.ThrowsAsync<TrackerNotFoundException>(() => _lab.Client.Boards().EnsureBoardAsync("acme/widget", "Triage", ["todo"], Ct));

        Assert.Single(_lab.Requests);
    }
}
