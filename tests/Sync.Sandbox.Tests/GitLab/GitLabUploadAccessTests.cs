using System.Net;
using System.Net.Http.Headers;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>
/// How the emulated GitLab serves project uploads: the API route takes the token (doc/api/project_markdown_uploads.md),
/// the web route of a private project does not (Projects::UploadsController, ApplicationController#route_not_found).
/// </summary>
public sealed class GitLabUploadAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiDownload_WithToken_ServesTheFileAsAnAttachment()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var upload = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [1, 2, 3]);

        using var response = await client.GetAsync($"projects/acme%2Fwidget/uploads/{upload.Secret}/shot.png", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(1, server.Stats.Snapshot().For("gitlab-dev", "GET /projects/:id/uploads/:secret/:filename"));
    }

    [Fact]
    public async Task ApiDownload_WithAWrongToken_Answers401()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev, token: "not-the-token");
        var upload = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [1, 2, 3]);

        using var response = await client.GetAsync($"projects/acme%2Fwidget/uploads/{upload.Secret}/shot.png", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("401 Unauthorized", (await response.Json()).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("00000000000000000000000000000000", "shot.png")]
    [InlineData(null, "other.png")]
    [InlineData(null, "%2573hot.png")]
    public async Task ApiDownload_UnknownSecretOrName_Answers404NotFound(string? secret, string name)
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var upload = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [1, 2, 3]);

        using var response = await client.GetAsync($"projects/acme%2Fwidget/uploads/{secret ?? upload.Secret}/{name}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 Not found", (await response.Json()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task ApiDownload_PercentEncodedName_IsDecodedOnce()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var upload = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [7]);

        using var response = await client.GetAsync($"projects/acme%2Fwidget/uploads/{upload.Secret}/%73hot.png", Ct);

        Assert.Equal([7], await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Upload_FileName_IsSanitizedLikeCarrierWave()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "my log (1).txt" } };

        using var response = await client.PostAsync("projects/acme%2Fwidget/uploads", form, Ct);

        Assert.Matches("^/uploads/[0-9a-f]{32}/my_log__1_.txt$", (await response.Json()).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("a b/c\\d.png", "d.png")]
    [InlineData("..", "_..")]
    [InlineData("скриншот 1.png", "скриншот_1.png")]
    [InlineData("a%2e.png", "a_2e.png")]
    [InlineData("x\u202Egnp.exe", "x_gnp.exe")]
    public void SanitizeFileName_KeepsOnlyWordCharactersDotsDashesAndPluses(string name, string expected) =>
        Assert.Equal(expected, Sync.Sandbox.GitLab.GitLabUploads.SanitizeFileName(name));

    [Fact]
    public async Task WebRoute_PrivateProject_IgnoresTheApiTokenAndRedirectsToSignIn()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = NoRedirectClient(server.GitLabDev.Token);
        var upload = server.GitLabDev.AddUpload("acme/widget", "trace.log", "text/plain", [1]);
        var project = server.GitLabDev.Project("acme/widget");

        using var byPath = await client.GetAsync(new Uri(server.GitLabDev.WebUrl, $"acme/widget/uploads/{upload.Secret}/trace.log"), Ct);
        using var byId = await client.GetAsync(new Uri(server.GitLabDev.WebUrl, $"-/project/{project.Id}/uploads/{upload.Secret}/trace.log"), Ct);

        Assert.All([byPath, byId], response =>
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(new Uri(server.GitLabDev.WebUrl, "users/sign_in"), response.Headers.Location);
        });
    }

    [Fact]
    public async Task WebRoute_PrivateProjectEnforcingAuthChecks_RedirectsImagesToo()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = NoRedirectClient(server.GitLabDev.Token);
        var upload = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [1]);

        using var response = await client.GetAsync(new Uri(server.GitLabDev.WebUrl, $"acme/widget/uploads/{upload.Secret}/shot.png"), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task WebRoute_PrivateProjectWithoutAuthChecks_ServesImagesButNotOtherFilesToAnyone()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = NoRedirectClient(token: null);
        server.GitLabDev.Project("acme/widget").EnforceAuthChecksOnUploads = false;
        var image = server.GitLabDev.AddUpload("acme/widget", "shot.png", "image/png", [1, 2]);
        var log = server.GitLabDev.AddUpload("acme/widget", "trace.log", "text/plain", [3]);

        using var imageResponse = await client.GetAsync(new Uri(server.GitLabDev.WebUrl, $"acme/widget/uploads/{image.Secret}/shot.png"), Ct);
        using var logResponse = await client.GetAsync(new Uri(server.GitLabDev.WebUrl, $"acme/widget/uploads/{log.Secret}/trace.log"), Ct);

        Assert.Equal([1, 2], await imageResponse.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, logResponse.StatusCode);
    }

    [Fact]
    public async Task WebRoute_PublicProject_ServesTheFileOr404()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = NoRedirectClient(token: null);
        var upload = server.GitLab.AddUpload("acme/gadget", "trace.log", "text/plain", [4]);

        using var found = await client.GetAsync(new Uri(server.GitLab.WebUrl, $"acme/gadget/uploads/{upload.Secret}/trace.log"), Ct);
        using var missing = await client.GetAsync(new Uri(server.GitLab.WebUrl, $"acme/gadget/uploads/{upload.Secret}/other.log"), Ct);

        Assert.Equal([4], await found.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static HttpClient NoRedirectClient(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return client;
    }
}
