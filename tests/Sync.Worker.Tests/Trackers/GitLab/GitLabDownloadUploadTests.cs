using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>Reading a private project's upload (to re-upload it when an issue moves), against the sandbox.</summary>
public sealed class GitLabDownloadUploadTests
{
    [Fact]
    public async Task DownloadUpload_RelativeLink_ReturnsTheFileWithOneRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var upload = gitlab.Sandbox.GitLabDev.AddUpload(SandboxGitLab.ProjectPath, "trace.log", "text/plain", "stack trace here"u8.ToArray());
        gitlab.ResetCounts();

        var bytes = await gitlab.Client.DownloadUploadAsync(SandboxGitLab.ProjectPath, $"/uploads/{upload.Secret}/trace.log", ct);

        Assert.Equal("stack trace here"u8.ToArray(), bytes);
        Assert.Equal(1, gitlab.ServedTotal);
        gitlab.AssertCountsAgree();
    }

    [Fact]
    public async Task DownloadUpload_AbsoluteLinkOfThisInstance_Works()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        var upload = gitlab.Sandbox.GitLabDev.AddUpload(SandboxGitLab.ProjectPath, "a.png", "image/png", [1, 2, 3]);
        var absolute = new Uri(gitlab.Sandbox.GitLabDev.WebUrl, $"{SandboxGitLab.ProjectPath}/uploads/{upload.Secret}/a.png").AbsoluteUri;

        Assert.Equal([1, 2, 3], await gitlab.Client.DownloadUploadAsync(SandboxGitLab.ProjectPath, absolute, ct));
    }

    [Theory]
    [InlineData("https://evil.example/uploads/0123/a.png")]
    [InlineData("/uploads/../../etc/passwd")]
    [InlineData("/files/a.png")]
    public async Task DownloadUpload_LinkElsewhere_IsRefusedWithoutARequest(string link)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);
        gitlab.ResetCounts();

        await Assert.ThrowsAsync<ArgumentException>(() => gitlab.Client.DownloadUploadAsync(SandboxGitLab.ProjectPath, link, ct));
        Assert.Equal(0, gitlab.ServedTotal);
    }

    [Fact]
    public async Task DownloadUpload_UnknownFile_IsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gitlab = await SandboxGitLab.StartAsync(ct);

        await Assert.ThrowsAsync<TrackerNotFoundException>(() => gitlab.Client.DownloadUploadAsync(SandboxGitLab.ProjectPath, "/uploads/00000000000000000000000000000000/none.png", ct));
    }
}
