using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// Hostile upload links and hostile answers against a WireMock GitLab that answers every path: only the exact upload
/// route is ever requested, and nothing that is not a file within the cap comes back.
/// </summary>
public sealed class GitLabDownloadSafetyTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private const string RoutePrefix = "/api/v4/projects/acme%2Fwidget/uploads/" + Secret + "/";

    private readonly TwoHostFixture _hosts = new(TrackerKind.GitLab, "/api/v4");

    public GitLabDownloadSafetyTests() =>
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody("private"u8.ToArray()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _hosts.Dispose();

    public static TheoryData<string> HostileLinks =>
    [
        $"/uploads/{Secret}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/projects/acme%2Fwidget/issues",
        $"/uploads/{Secret}/%2E%2E%2F%2E%2E%2Fuser",
        $"/uploads/{Secret}/..%2f..%2fuser",
        $"/uploads/{Secret}/%252e%252e/%252e%252e/user",
        $"/uploads/{Secret}/a%2Fb.png",
        $"/uploads/{Secret}/..\\..\\user",
        $"/uploads/{Secret}/a.png?private_token=x",
        $"/uploads/{Secret}/a.png#frag",
        $"/uploads/{Secret}/a.png;x=1",
        $"/uploads/{Secret}/\uFF0E\uFF0E",
        $"/uploads/{Secret}/a%00.png",
        $"/uploads/{Secret.ToUpperInvariant()}/a.png",
        $"/uploads/{Secret[..31]}/a.png",
        $"/uploads/{Secret}0/a.png",
        $"/uploads/{Secret}/{new string('a', 256)}",
        $"/uploads/{Secret}/a.png)glpat-abcdefghij0123456789XYZ",
        "http://evil.example/uploads/" + Secret + "/a.png",
    ];

    [Theory]
    [MemberData(nameof(HostileLinks))]
    public async Task DownloadUpload_HostileLink_SendsNoRequestAtAll(string link)
    {
        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", link, Ct));

        Assert.Empty(_hosts.Tracker.LogEntries);
        Assert.DoesNotContain("glpat-", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shot.png", "shot.png")]
    [InlineData("a+b.png", "a+b.png")] // sent as a%2Bb.png; WireMock's log shows the path Kestrel decoded
    [InlineData("a%2Bb.png", "a+b.png")]
    [InlineData("%73hot.png", "shot.png")]
    [InlineData("скр.png", "%D1%81%D0%BA%D1%80.png")]
    [InlineData(".hidden", ".hidden")]
    public async Task DownloadUpload_UploadLink_RequestsExactlyTheUploadRoute(string rawName, string sentName)
    {
        var bytes = await _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", $"/uploads/{Secret}/{rawName}", Ct);

        Assert.Equal("private"u8.ToArray(), bytes);
        Assert.Equal(["GET " + RoutePrefix + sentName], TwoHostFixture.Lines(_hosts.Tracker));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    public async Task DownloadUpload_WhenTheRouteAnswersJson_RefusesIt(string contentType)
    {
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/uploads/*")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody("""[{"id":1,"title":"private"}]"""));

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => _hosts.Client.Uploads().DownloadUploadAsync("acme/widget", $"/uploads/{Secret}/a.png", Ct));

        Assert.Equal("Tracker 'lab': upload 'a.png' was refused: the answer is JSON (an API answer), not a file", error.Message);
        Assert.Single(_hosts.Tracker.LogEntries);
    }

    [Fact]
    public async Task DownloadUpload_WhenContentLengthExceedsTheCap_RefusesBeforeReading()
    {
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/uploads/*")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(new byte[4096]));

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(
            () => _hosts.GitLabWithCap(4095).Uploads().DownloadUploadAsync("acme/widget", $"/uploads/{Secret}/a.bin", Ct));

        Assert.Contains("larger than 4095 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(4096, (await _hosts.GitLabWithCap(4096).Uploads().DownloadUploadAsync("acme/widget", $"/uploads/{Secret}/a.bin", Ct)).Length);
    }

    [Fact]
    public async Task DownloadUpload_WhenAStreamWithoutLengthExceedsTheCap_StopsReadingAndRefuses()
    {
        // A storage host that streams (chunked, no Content-Length) far more than the cap.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var storage = builder.Build();
        var chunksWritten = 0;
        storage.MapGet("/blob", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "application/octet-stream";
            for (var i = 0; i < 20_000 && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.Body.WriteAsync(new byte[1024], ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                Interlocked.Increment(ref chunksWritten);
            }
        });
        await storage.StartAsync(Ct);
        _hosts.Tracker.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*/uploads/*")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", storage.Urls.Single() + "/blob"));

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(
            () => _hosts.GitLabWithCap(10_000).Uploads().DownloadUploadAsync("acme/widget", $"/uploads/{Secret}/a.bin", Ct));

        Assert.Contains("larger than 10000 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(chunksWritten < 20_000, $"the whole stream was read ({chunksWritten} KiB)");
        await storage.StopAsync(Ct);
    }
}
