using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The demo's worker, whose product widget takes CSV imports (forum <c>csv:widget/import</c>).</summary>
public sealed class ImportDashboardHost() : PagesDashboardHost([]);

/// <summary>The Import page over the real host: upload, preview, import, and the refusals.</summary>
[Collection(HostCollection.Name)]
public sealed class ImportPageTests(ImportDashboardHost host) : IClassFixture<ImportDashboardHost>
{
    private const string Route = "/hangfire/issuesync/import";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Upload(string product, string csv, string fileName = "ideas.csv")
    {
        var form = new MultipartFormDataContent { { new StringContent(product), "product" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }

    private async Task<int> StoredIdeasAsync() =>
        (await host.Store.ListDocumentsAsync("widget", CsvIdeaDocument.Kind, Ct)).Count;

    [Fact]
    public async Task UploadPreviewImport_StoresTheIdeasAndRequestsTheMoveStage_AndEncodesTheFilesText()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var before = await StoredIdeasAsync();
        var jobs = host.TotalJobs();

        var menu = await client.GetStringAsync(Route, Ct);
        using var preview = await client.PostAsync(Route + "/preview", Upload("widget", "title,votes,voters\r\n<img src=x onerror=alert(1)> idea,4,bob\r\nPlain idea,1,\r\n", "<b>ideas<b>.csv"), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, preview.StatusCode);
        var page = await client.GetStringAsync(preview.Headers.Location, Ct);

        Assert.Contains($"href=\"{Route}\"", menu, StringComparison.Ordinal); // the menu entry
        Assert.Contains("id=\"issuesync-import-upload\"", menu, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; idea", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;ideas&lt;b&gt;.csv: 2 idea(s) for product widget: 2 new, 0 updated, 0 unchanged", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("<tr class=\"idea idea-new\"").Length - 1);
        Assert.Equal(before, await StoredIdeasAsync()); // a preview stores no idea

        var upload = System.Web.HttpUtility.ParseQueryString(preview.Headers.Location!.OriginalString.Split('?')[1])["upload"]!;
        using var import = await client.PostAsync(Route + "/run", new FormUrlEncodedContent([new("product", "widget"), new("upload", upload)]), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, import.StatusCode);
        var done = await client.GetStringAsync(import.Headers.Location, Ct);

        Assert.Contains("Imported: 2 idea(s) stored;", done, StringComparison.Ordinal);
        Assert.Equal(before + 2, await StoredIdeasAsync());
        Assert.Equal(jobs + 1, host.TotalJobs());

        // The upload is gone once imported: a second Import of it stores nothing more.
        using var again = await client.PostAsync(Route + "/run", new FormUrlEncodedContent([new("product", "widget"), new("upload", upload)]), Ct);
        Assert.Contains("refused=gone", again.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await StoredIdeasAsync());
    }

    [Fact]
    public async Task Upload_WithOneBadRow_ListsTheErrors_AndTheImportButtonIsNotOffered_NothingStored()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var before = await StoredIdeasAsync();

        using var preview = await client.PostAsync(Route + "/preview", Upload("widget", "title,votes\r\nGood idea,3\r\nBad idea,<b>x</b>\r\n"), Ct);
        var page = await client.GetStringAsync(preview.Headers.Location, Ct);
        var upload = System.Web.HttpUtility.ParseQueryString(preview.Headers.Location!.OriginalString.Split('?')[1])["upload"]!;
        using var forced = await client.PostAsync(Route + "/run", new FormUrlEncodedContent([new("product", "widget"), new("upload", upload)]), Ct);

        Assert.Contains("<li>ideas.csv: row 3, column &#39;votes&#39;: &#39;&lt;b&gt;x&lt;/b&gt;&#39; is not a whole number</li>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("issuesync-import-confirm", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, forced.StatusCode);
        Assert.Equal(before, await StoredIdeasAsync()); // not even the good row
    }

    [Fact]
    public async Task Import_PostedFromAnotherSite_IsRefused_AndStoresNothing()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var before = await StoredIdeasAsync();
        using var preview = await client.PostAsync(Route + "/preview", Upload("widget", "title\r\nCross-site idea\r\n"), Ct);
        var upload = System.Web.HttpUtility.ParseQueryString(preview.Headers.Location!.OriginalString.Split('?')[1])["upload"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, Route + "/run") { Content = new FormUrlEncodedContent([new("product", "widget"), new("upload", upload)]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");
        using var crossSiteUpload = new HttpRequestMessage(HttpMethod.Post, Route + "/preview") { Content = Upload("widget", "title\r\nX\r\n") };
        crossSiteUpload.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request, Ct);
        using var uploadResponse = await client.SendAsync(crossSiteUpload, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, uploadResponse.StatusCode);
        Assert.Equal(before, await StoredIdeasAsync());
    }

    [Fact]
    public async Task Chromium_UploadsAFile_ReadsThePreview_AndImports()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var before = await StoredIdeasAsync();
        await using var browser = await host.BrowserAsync(Ct);
        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/import", Ct);

        // A browser user picks a file; the page's file input gets it the way a drop or picker sets it.
        var set = await browser.EvaluateAsync(
            "(() => { const dt = new DataTransfer(); dt.items.add(new File(['title,votes\\nBrowser idea <b>one</b>,7\\n'], 'browser.csv', { type: 'text/csv' }));"
            + " document.getElementById('file').files = dt.files; return String(document.getElementById('file').files.length); })()",
            Ct);
        Assert.Equal("1", set);
        await browser.ClickAndWaitAsync("#issuesync-import-upload button", Ct);

        Assert.Equal("browser.csv: 1 idea(s) for product widget: 1 new, 0 updated, 0 unchanged", await browser.EvaluateAsync("document.getElementById('issuesync-import-summary').textContent", Ct));
        Assert.Equal("Browser idea <b>one</b>", await browser.EvaluateAsync("document.querySelector('#issuesync-import-preview tbody tr td:last-child').textContent", Ct));
        Assert.Equal("0", await browser.EvaluateAsync("String(document.querySelectorAll('#issuesync-import-preview b').length)", Ct));
        Assert.Equal(before, await StoredIdeasAsync());

        await browser.ClickAndWaitAsync("#issuesync-import-confirm button", Ct);

        Assert.StartsWith("Imported: 1 idea(s) stored;", await browser.EvaluateAsync("document.getElementById('issuesync-import-done').textContent", Ct), StringComparison.Ordinal);
        Assert.Equal(before + 1, await StoredIdeasAsync());
    }

    [Theory]
    [InlineData("GET", Route)]
    [InlineData("POST", Route + "/preview")]
    [InlineData("POST", Route + "/run")]
    public async Task Page_Unauthenticated_IsRefused(string method, string path)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Upload("widget", "title\r\nX\r\n");
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
