using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>Reading a private project's upload (to re-upload it when an issue moves), against the sandbox.</summary>
public sealed class GitLabDownloadUploadTests
{
    private const string ApiRoute = "GET /projects/:id/uploads/:secret/:filename";

    [Fact]
    public async Task DownloadUpload_RelativeLink_ReadsTheApiRouteWithOneRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var upload = gitlab.Sandbox.GitLabDev.AddUpload(SandboxGitLab.ProjectPath, "trace.log", "text/plain", "stack trace here"u8.ToArray());
        gitlab.ResetCounts();

        var bytes = await gitlab.Client.Uploads().DownloadUploadAsync(SandboxGitLab.ProjectPath, $"/uploads/{upload.Secret}/trace.log", ct);

        Assert.Equal("stack trace here"u8.ToArray(), bytes);
        Assert.Equal(1, gitlab.Served(ApiRoute));
        Assert.Equal(1, gitlab.ServedTotal);
        gitlab.AssertCountsAgree();
    }

    [Fact]
    public async Task DownloadUpload_AbsoluteLinkOfThisProject_ReadsTheApiRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var upload = gitlab.Sandbox.GitLabDev.AddUpload(SandboxGitLab.ProjectPath, "a.png", "image/png", [1, 2, 3]);
        var absolute = new Uri(gitlab.Sandbox.GitLabDev.WebUrl, $"{SandboxGitLab.ProjectPath}/uploads/{upload.Secret}/a.png").AbsoluteUri;
        gitlab.ResetCounts();

        Assert.Equal([1, 2, 3], await gitlab.Client.Uploads().DownloadUploadAsync(SandboxGitLab.ProjectPath, absolute, ct));
        Assert.Equal(1, gitlab.Served(ApiRoute));
        Assert.Equal(1, gitlab.ServedTotal);
    }

    [Theory]
    [InlineData("https://evil.example/uploads/0123/a.png")]
    [InlineData("https://evil.example/uploads/0123456789abcdef0123456789abcdef/a.png")]
    [InlineData("/uploads/../../etc/passwd")]
    [InlineData("/files/a.png")]
    [InlineData("/uploads/0123456789abcdef0123456789abcdef/%2e%2e/%2e%2e/%2e%2e/%2e%2e/api/v4/projects/acme%2Fgadget-dev/issues")]
    [InlineData("/uploads/0123456789abcdef0123456789abcdef/..%2f..%2fissues")]
    [InlineData("/uploads/0123456789abcdef0123456789abcdef/%252e%252e")]
    public async Task DownloadUpload_LinkThatIsNotAnUploadOfThisProject_IsRefusedWithoutARequest(string link)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        gitlab.ResetCounts();

        var error = await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => gitlab.Client.Uploads().DownloadUploadAsync(SandboxGitLab.ProjectPath, link, ct));

        Assert.Null(error.FileName);
        Assert.DoesNotContain(link, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, gitlab.ServedTotal);
    }

    [Fact]
    public async Task DownloadUpload_AbsoluteLinkOfAnotherProject_IsRefusedWithoutARequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var upload = gitlab.Sandbox.GitLabDev.AddUpload("acme/gadget-dev", "a.png", "image/png", [1]);
        var elsewhere = new Uri(gitlab.Sandbox.GitLabDev.WebUrl, $"acme/gadget-dev/uploads/{upload.Secret}/a.png").AbsoluteUri;
        gitlab.ResetCounts();

        await Assert.ThrowsAsync<TrackerUploadRefusedException>(() => gitlab.Client.Uploads().DownloadUploadAsync(SandboxGitLab.ProjectPath, elsewhere, ct));
        Assert.Equal(0, gitlab.ServedTotal);
    }

    [Fact]
    public async Task DownloadUpload_UnknownFile_IsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        gitlab.ResetCounts();

        await Assert.ThrowsAsync<TrackerNotFoundException>(() => gitlab.Client.Uploads().DownloadUploadAsync(SandboxGitLab.ProjectPath, "/uploads/00000000000000000000000000000000/none.png", ct));
        Assert.Equal(1, gitlab.Served(ApiRoute));
    }
}
