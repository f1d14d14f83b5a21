using System.Net;
using Sync.Core.Storage;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The Moves page and its Retry button over the real host, after the demo's start-up run.</summary>
[Collection(HostCollection.Name)]
public sealed class MovesPageTests(PagesDashboardHost host) : IClassFixture<PagesDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_AfterADemoRun_ListsItsMovesAsDoneWithWebLinksToThePublicIssues()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var done = await host.Store.QueryMovesAsync(new MoveQuery("widget", MoveStatus.Done, 500), Ct);
        Assert.NotEmpty(done);
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/moves?product=widget&state=done", Ct);

        var shown = Math.Min(done.Count, MovesPage.PageSize);
        Assert.Equal(shown, Count(page, "<tr class=\"move move-done\""));
        Assert.Equal(0, Count(page, "<tr class=\"move move-failed\"") + Count(page, "<tr class=\"move move-in-progress\""));
        var first = done[0];
        Assert.StartsWith("http://127.0.0.1:", first.TargetUrl, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(first.TargetUrl)}\" rel=\"noopener noreferrer\">{first.TargetIssue}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"<code>{first.SourceIssue}</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-product=\"gadget\"", page, StringComparison.Ordinal);
        Assert.Equal(0, Count(page, "class=\"retry\""));
    }

    [Fact]
    public async Task Page_WritesEachStateInWordsEncodesReasonsAndLinksOnlyWebUrls()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddDays(1);
        await Seed(
            new MoveRecord("gadget", "dev:acme/gadget-dev#9101", MoveState.Intent, "gitlab:acme/gadget#9101", "javascript:alert(1)", "HTTP 502 <img src=x onerror=alert(1)>", 2, at, at),
            new MoveRecord("gadget", "dev:acme/gadget-dev#9102", MoveState.Intent, null, null, MoveRecord.GaveUpPrefix + "5 failed attempts; last: boom", 5, at, at.AddSeconds(-1)),
            new MoveRecord("gadget", "dev:acme/gadget-dev#9103", MoveState.CommentsCopied, "gitlab:acme/gadget#77", "https://gitlab.example/acme/gadget/-/issues/77", null, 1, at, at.AddSeconds(-2)));
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/moves?product=gadget", Ct);

        var failed = Row(page, "dev:acme/gadget-dev#9101");
        Assert.Contains("failed at step 1 of 4 (create the public issue): HTTP 502 &lt;img src=x onerror=alert(1)&gt;", failed, StringComparison.Ordinal);
        Assert.Contains("&rarr; gitlab:acme/gadget#9101</td>", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("class=\"retry\"", failed, StringComparison.Ordinal);
        var parked = Row(page, "dev:acme/gadget-dev#9102");
        Assert.Contains("parked at step 1 of 4 (create the public issue): gave up after 5 failed attempts; last: boom", parked, StringComparison.Ordinal);
        Assert.Contains("<em>not created yet</em>", parked, StringComparison.Ordinal);
        Assert.Contains("class=\"retry\"", parked, StringComparison.Ordinal);
        var moving = Row(page, "dev:acme/gadget-dev#9103");
        Assert.Contains("in progress at step 3 of 4 (comment on the source)", moving, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://gitlab.example/acme/gadget/-/issues/77\" rel=\"noopener noreferrer\">gitlab:acme/gadget#77</a>", moving, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"retry\"", moving, StringComparison.Ordinal);
        Assert.Contains($"\">{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</td>", failed, StringComparison.Ordinal);
        Assert.True(page.IndexOf("#9101", StringComparison.Ordinal) < page.IndexOf("#9102", StringComparison.Ordinal), "newest change first");

        var onlyFailed = await client.GetStringAsync("/hangfire/issuesync/moves?product=gadget&state=failed", Ct);
        Assert.Contains("dev:acme/gadget-dev#9101", onlyFailed, StringComparison.Ordinal);
        Assert.DoesNotContain("dev:acme/gadget-dev#9102", onlyFailed, StringComparison.Ordinal);
        Assert.DoesNotContain("dev:acme/gadget-dev#9103", onlyFailed, StringComparison.Ordinal);
        Assert.Contains("<option value=\"failed\" selected>", onlyFailed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PagesToOlderMovesWithTheLinkItShows()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddDays(2);
        await Seed([.. Enumerable.Range(0, MovesPage.PageSize + 1).Select(i =>
            new MoveRecord("widget", $"dev:acme/widget#{8000 + i}", MoveState.TargetCreated, $"github:acme/widget#{8000 + i}", null, null, 1, at, at.AddSeconds(i)))]);
        using var client = host.SignedIn();

        var first = await client.GetStringAsync("/hangfire/issuesync/moves?product=widget", Ct);

        Assert.Contains("dev:acme/widget#8050", first, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget#8001", first, StringComparison.Ordinal);
        Assert.DoesNotContain("dev:acme/widget#8000<", first, StringComparison.Ordinal);
        var older = WebUtility.HtmlDecode(Between(first, "id=\"issuesync-moves-older\" href=\"", "\""));
        var second = await client.GetStringAsync(older, Ct);
        Assert.Contains("dev:acme/widget#8000<", second, StringComparison.Ordinal);
        Assert.DoesNotContain("dev:acme/widget#8001<", second, StringComparison.Ordinal);
        Assert.Contains("?product=widget&", older, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?product=nope", "Unknown product 'nope' (configured: gadget, widget).")]
    [InlineData("?state=stuck", "Unknown state 'stuck' (one of: done, in-progress, failed, parked).")]
    [InlineData("?product=%3Cb%3E", "Unknown product '<b>' (configured: gadget, widget).")]
    [InlineData("?after=not-a-cursor", "The 'after' value is not a position in the move list; start again from the first page.")]
    public async Task Page_WithAnUnknownFilter_ShowsOneLineErrorAndNothingElse(string query, string expected)
    {
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/moves" + query, Ct);

        Assert.Equal(WebUtility.HtmlEncode(expected), Between(page, "id=\"issuesync-error\">", "</div>"));
        Assert.DoesNotContain("issuesync-moves", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_OfAParkedMove_ClearsItsFailureAndRequestsTheProductsMoveStage()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddHours(-1);
        await Seed(new MoveRecord("gadget", "dev:acme/gadget-dev#9401", MoveState.Intent, null, null, MoveRecord.GaveUpPrefix + "5 failed attempts", 5, at, at));
        using var client = host.SignedIn();

        using var response = await client.PostAsync(MoveActions.RetryRoute.Insert(0, "/hangfire"), Form("gadget", "dev:acme/gadget-dev#9401"), Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/hangfire/issuesync/moves?retried=dev%3Aacme%2Fgadget-dev%239401&run=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var retried = await host.Store.GetMoveAsync("gadget", "dev:acme/gadget-dev#9401", Ct);
        Assert.NotNull(retried);
        Assert.Null(retried.Error);
        Assert.Equal(0, retried.Attempts);
        var job = host.Monitoring.JobDetails(ActionRedirect.JobId(response)).Job;
        Assert.Equal(["gadget", "move"], job.Args.Take(2).Cast<string>());
        var page = await client.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("Retrying the move of dev:acme/gadget-dev#9401: its failure is cleared", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_PostedFromAnotherSite_IsRefusedAndChangesNothing()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddHours(-1);
        var failed = new MoveRecord("gadget", "dev:acme/gadget-dev#9402", MoveState.Intent, null, null, "HTTP 502", 1, at, at);
        await Seed(failed);
        var jobs = host.TotalJobs();
        using var client = host.SignedIn();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/issuesync/moves/retry") { Content = Form("gadget", failed.SourceIssue) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(failed, await host.Store.GetMoveAsync("gadget", failed.SourceIssue, Ct));
        Assert.Equal(jobs, host.TotalJobs());
    }

    [Theory]
    [InlineData("dev:acme/gadget-dev#9403", "refused=not-retriable")]
    [InlineData("dev:acme/gadget-dev#404404", "refused=unknown")]
    public async Task Retry_OfADoneOrUnknownMove_RequestsNothing(string source, string refusal)
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddHours(-1);
        var done = new MoveRecord("gadget", "dev:acme/gadget-dev#9403", MoveState.Completed, "gitlab:acme/gadget#1", null, null, 1, at, at);
        await Seed(done);
        var jobs = host.TotalJobs();
        using var client = host.SignedIn();

        using var response = await client.PostAsync("/hangfire/issuesync/moves/retry", Form("gadget", source), Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains(refusal, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(done, await host.Store.GetMoveAsync("gadget", done.SourceIssue, Ct));
        Assert.Equal(jobs, host.TotalJobs());
        var page = await client.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("Nothing was retried.", page, StringComparison.Ordinal);
    }

    private async Task Seed(params MoveRecord[] moves)
    {
        foreach (var move in moves)
        {
            await host.Store.SaveMoveAsync(move, Ct);
        }
    }

    private static FormUrlEncodedContent Form(string product, string source) =>
        new([new(MoveActions.ProductField, product), new(MoveActions.SourceField, source)]);

    private static string Row(string page, string source)
    {
        var start = page.IndexOf($"data-source=\"{source}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {source}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    internal static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    internal static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
