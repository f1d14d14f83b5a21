using Sync.Core.Storage;
using Sync.Sandbox;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The demo as a visitor runs it (service mode, its planned failing move on), with dashboard users.</summary>
public sealed class ShowcaseDemoHost() : PagesDashboardHost(["--sandbox-failed-move", "on"]);

/// <summary>
/// Issue 18's walk through the demo in a real headless Chromium: from <c>/direction</c> a click on an issue leads to
/// the issue's page on the (sandbox) tracker; the demo's own failed move is on the Moves page, and its Retry completes it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DemoBrowserTests(ShowcaseDemoHost host) : IClassFixture<ShowcaseDemoHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chromium_FollowsAnIssueLinkOnDirection_ToTheIssuesPage()
    {
        await host.WaitForStartupRunsAsync(Ct);
        await using var browser = await host.BrowserAsync(Ct);

        await browser.NavigateAsync($"{host.BaseAddress}direction", Ct);
        var link = await browser.EvaluateAsync("document.querySelector('#product-widget section.now a.issue, #product-widget a.issue').textContent", Ct);
        Assert.NotNull(link);
        var title = link[(link.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var href = await browser.EvaluateAsync("document.querySelector('#product-widget section.now a.issue, #product-widget a.issue').href", Ct);
        Assert.Contains("/github/acme/widget/issues/", href, StringComparison.Ordinal);

        await browser.ClickAndWaitAsync("#product-widget section.now a.issue, #product-widget a.issue", Ct);

        Assert.Equal(href, await browser.EvaluateAsync("location.href", Ct));
        Assert.Equal(title, await browser.EvaluateAsync("document.querySelector('h1 .title').textContent", Ct));
        Assert.Equal("0", await browser.EvaluateAsync("String(document.querySelectorAll('script').length)", Ct));
    }

    [Fact]
    public async Task Chromium_RetriesTheDemosFailedMove_AndTheMoveCompletes()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var failed = Assert.Single(await host.Store.QueryMovesAsync(new MoveQuery("widget", MoveStatus.Failed, 10), Ct));
        Assert.Contains(SandboxDemoIssues.FailingMoveMessage, failed.Error, StringComparison.Ordinal);
        await using var browser = await host.BrowserAsync(Ct);

        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/moves?product=widget&state=failed", Ct);
        var row = $"tr[data-source=\"{failed.SourceIssue}\"]";
        Assert.StartsWith("failed at step", await browser.EvaluateAsync($"document.querySelector('{row} td.state').textContent", Ct), StringComparison.Ordinal);

        await browser.ClickAndWaitAsync($"{row} form.retry button", Ct);
        Assert.StartsWith($"Retrying the move of {failed.SourceIssue}", await browser.EvaluateAsync("document.getElementById('issuesync-retry').textContent", Ct), StringComparison.Ordinal);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await host.Store.GetMoveAsync("widget", failed.SourceIssue, Ct))?.Status != MoveStatus.Done)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "the retried move did not complete within 90 s");
            await Task.Delay(250, Ct);
        }

        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/moves?product=widget", Ct);
        Assert.Equal("done", await browser.EvaluateAsync($"document.querySelector('{row} td.state').textContent", Ct));
        Assert.Equal("0", await browser.EvaluateAsync($"String(document.querySelectorAll('{row} form.retry').length)", Ct));
    }
}
