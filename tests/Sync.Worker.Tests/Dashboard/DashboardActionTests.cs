using System.Net;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The maintainer page's buttons and form, posted as a browser's plain HTML forms would.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardActionTests(ProtectedDashboardHost host) : IClassFixture<ProtectedDashboardHost>
{
    private HttpClient Client() => host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);

    [Fact]
    public async Task Page_ListsProductsWithTheirButtons()
    {
        using var client = Client();
        var page = await client.GetStringAsync("/hangfire/issuesync", TestContext.Current.CancellationToken);

        Assert.Contains("id=\"product-widget\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"product-gadget\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/hangfire/issuesync/products/gadget/all\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/hangfire/issuesync/products/gadget/roadmap\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/hangfire/issuesync/issue\"", page, StringComparison.Ordinal);
        Assert.Contains(">Full resync<", page, StringComparison.Ordinal);
        Assert.Contains(">Rebuild roadmap<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullResync_RunsProductGadgetAllAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Client();
        var posted = host.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var response = await client.PostAsync("/hangfire/issuesync/products/gadget/all", content: null, ct);
        var jobId = ActionRedirect.JobId(response);

        var details = await host.WaitForStateAsync(jobId, "Succeeded", ct);
        Assert.Equal(["gadget", "all"], details.Job.Args.Take(2).Cast<string>());
        Assert.Contains(details.History, h => h.StateName == "Succeeded");

        var page = await client.GetStringAsync(response.Headers.Location, ct);
        Assert.Contains($"#{jobId}</a>: Product gadget: all", page, StringComparison.Ordinal);

        // A full resync re-counts every issue's votes, whatever their signals say: the votes pass took the request.
        var documents = host.Host.Services.GetRequiredService<Sync.Core.Storage.IDocumentStore>();
        Assert.Empty(await documents.ListDocumentsAsync("gadget", Sync.Core.Votes.VoteSignalBook.FullRequestKind, ct));
        var book = await Sync.Core.Votes.VoteSignalBook.LoadAsync(documents, "gadget", ct);
        Assert.True(book.LastFull >= posted, $"last full re-count {book.LastFull}, posted {posted}");
    }

    [Fact]
    public async Task ResyncIssue_OfAMoveParkedAfterTooManyFailures_MakesItMoveAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var ledger = host.Host.Services.GetRequiredService<Sync.Core.Storage.IMoveLedger>();
        var at = TimeProvider.System.GetUtcNow().AddHours(-1);
        var parked = new Sync.Core.Storage.MoveRecord(
            "widget", "dev:acme/widget#9", Sync.Core.Storage.MoveState.Intent, null, null,
            Sync.Core.Storage.MoveRecord.GaveUpPrefix + "5 failed attempts; last: Tracker 'github' is unavailable", 5, at, at);
        await ledger.SaveMoveAsync(parked, ct);
        using var client = Client();

        using var response = await client.PostAsync(
            "/hangfire/issuesync/issue", new FormUrlEncodedContent([new(MaintainerActions.IssueField, "dev:acme/widget#9")]), ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var reset = await ledger.GetMoveAsync("widget", "dev:acme/widget#9", ct);
        Assert.NotNull(reset);
        Assert.Null(reset.Error);
        Assert.Equal(0, reset.Attempts);
    }

    [Theory]
    [InlineData("dev:acme/widget#3", "widget", "move")]
    [InlineData("github:acme/widget-private#7", "widget", "move")]
    [InlineData("github:acme/widget#5", "widget", "rice")]
    [InlineData("gitlab:acme/gadget#2", "gadget", "rice")]
    public async Task ResyncIssue_EnqueuesTheStageThatPicksTheIssueUp(string reference, string product, string stage)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Client();
        using var response = await client.PostAsync(
            "/hangfire/issuesync/issue", new FormUrlEncodedContent([new(MaintainerActions.IssueField, reference)]), ct);
        var jobId = ActionRedirect.JobId(response);

        var job = host.Monitoring.JobDetails(jobId).Job;
        Assert.Equal("RunAsync", job.Method.Name);
        Assert.Equal([product, stage], job.Args.Take(2).Cast<string>());
    }

    [Fact]
    public async Task ResyncIssue_ByGitLabUrl_IsResolvedToTheSourceProject()
    {
        var ct = TestContext.Current.CancellationToken;
        var devApi = host.Host.Configuration["IssueSync:Trackers:dev:ApiUrl"]!;
        var url = devApi[..devApi.IndexOf("/api/v4", StringComparison.Ordinal)] + "/acme/gadget-dev/-/issues/4";
        using var client = Client();
        using var response = await client.PostAsync(
            "/hangfire/issuesync/issue", new FormUrlEncodedContent([new(MaintainerActions.IssueField, url)]), ct);

        Assert.Equal(["gadget", "move"], host.Monitoring.JobDetails(ActionRedirect.JobId(response)).Job.Args.Take(2).Cast<string>());
    }

    [Theory]
    [InlineData("dev:acme/unknown#3", "'dev:acme/unknown#3' is not in the public project or a source of any configured product.")]
    [InlineData("not a reference", "'not a reference' is not an issue reference")]
    [InlineData("<b>x</b>#1", "'<b>x</b>#1' is not an issue reference")]
    public async Task ResyncIssue_InvalidReference_ShowsOneLineErrorAndEnqueuesNothing(string reference, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = host.TotalJobs();
        using var client = Client();
        using var response = await client.PostAsync(
            "/hangfire/issuesync/issue", new FormUrlEncodedContent([new(MaintainerActions.IssueField, reference)]), ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location, ct);
        var error = page[page.IndexOf("id=\"issuesync-error\"", StringComparison.Ordinal)..];
        error = error[..error.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains(expected, WebUtility.HtmlDecode(error), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Equal(before, host.TotalJobs());
    }

    [Fact]
    public async Task RebuildRoadmap_EnqueuesTheRoadmapStage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Client();
        using var response = await client.PostAsync("/hangfire/issuesync/products/widget/roadmap", content: null, ct);

        Assert.Equal(["widget", "roadmap"], host.Monitoring.JobDetails(ActionRedirect.JobId(response)).Job.Args.Take(2).Cast<string>());
    }

    [Fact]
    public async Task CrossSitePost_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/issuesync/products/gadget/all");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostFromAnotherPortOfTheSameHost_IsRefused()
    {
        // Another local service (or a page it serves) is another origin even on 127.0.0.1.
        var ct = TestContext.Current.CancellationToken;
        var before = host.TotalJobs();
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/issuesync/products/gadget/all");
        request.Headers.Add("Origin", $"http://127.0.0.1:{host.BaseAddress.Port + 1}");
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, host.TotalJobs());
    }

    [Fact]
    public async Task PostFromTheDashboardsOwnOrigin_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/issuesync/products/widget/roadmap");
        request.Headers.Add("Origin", $"http://127.0.0.1:{host.BaseAddress.Port}");
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task ActionRoutes_AnswerOnlyPost()
    {
        using var client = Client();
        using var response = await client.GetAsync("/hangfire/issuesync/products/gadget/all", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
