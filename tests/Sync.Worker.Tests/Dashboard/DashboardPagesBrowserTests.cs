using Sync.Core.Rice;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>
/// The Moves, Audit and Demand pages in a real headless Chromium after the demo's start-up run, with seeded rows: the DOM
/// the browser built, and a click on Retry that posts the form, follows the redirect and shows the outcome.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardPagesBrowserTests(PagesDashboardHost host) : IClassFixture<PagesDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chromium_ClicksRetryOnAFailedMove_AndSeesItRetried()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var at = host.Now.AddHours(1);
        const string source = "dev:acme/widget#9501";
        await host.Store.SaveMoveAsync(new MoveRecord("widget", source, MoveState.Intent, null, null, "HTTP 503 from github", 3, at, at), Ct);
        await using var browser = await host.BrowserAsync(Ct);

        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/moves?product=widget&state=failed", Ct);
        var state = await browser.EvaluateAsync($"document.querySelector('tr[data-source=\"{source}\"] td.state').textContent", Ct);
        Assert.Equal("failed at step 1 of 4 (create the public issue): HTTP 503 from github", state);

        await browser.ClickAndWaitAsync($"tr[data-source=\"{source}\"] form.retry button", Ct);

        var outcome = await browser.EvaluateAsync("document.getElementById('issuesync-retry').textContent", Ct);
        Assert.StartsWith($"Retrying the move of {source}: its failure is cleared", outcome, StringComparison.Ordinal);
        Assert.Contains("/hangfire/issuesync/moves?retried=", await browser.EvaluateAsync("location.href", Ct), StringComparison.Ordinal);
        var retried = await host.Store.GetMoveAsync("widget", source, Ct);
        Assert.NotNull(retried);
        Assert.Null(retried.Error);
        Assert.Equal(0, retried.Attempts);
        var row = await browser.EvaluateAsync($"document.querySelector('tr[data-source=\"{source}\"] td.state').textContent", Ct);
        Assert.Equal("in progress at step 1 of 4 (create the public issue)", row);
        Assert.Equal("0", await browser.EvaluateAsync($"String(document.querySelectorAll('tr[data-source=\"{source}\"] form.retry').length)", Ct));
    }

    [Fact]
    public async Task Chromium_OpensAuditAndDemand_AndReadsTheirRows()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var marker = "browser-" + Guid.NewGuid().ToString("N")[..8];
        await host.Store.AppendAuditAsync(new AuditEntry(host.Now, "gadget", AuditActions.Redaction, "dev:acme/gadget-dev#4", $"{marker}: rule aws-key x1 in body <b>"), Ct);
        var project = ProjectRef.Parse("gitlab:acme/gadget");
        var book = await VoteSignalBook.LoadAsync(host.Store, "gadget", Ct);
        await host.Store.SaveDocumentsAsync(
        [
            (book with { Open = [.. book.Open, 9601] }).ToStored("gadget", host.Now),
            new DemandDocument(40, 2, 8000, 41, new Dictionary<string, DateTimeOffset>()).ToStored("gadget", $"{project}#9601", host.Now),
            new RiceEntry { Number = 9601, Title = "Offline mode", State = IssueState.Open, Bucket = RiceBucket.NeedsInput }.ToStored("gadget", host.Now),
        ], Ct);
        await host.Store.AddVoteSnapshotAsync(new VoteSnapshot("gadget", $"{project}#9601", host.Now.AddDays(-30), 10, 0, 10, 10), Ct);
        await host.Store.AddVoteSnapshotAsync(new VoteSnapshot("gadget", $"{project}#9601", host.Now.AddDays(-2), 40, 2, 8000, 41), Ct);
        await using var browser = await host.BrowserAsync(Ct);

        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/audit?product=gadget&action=redaction", Ct);
        var detail = await browser.EvaluateAsync("document.querySelector('#issuesync-audit tbody tr td.detail').textContent", Ct);
        Assert.Equal($"{marker}: rule aws-key x1 in body <b>", detail);
        Assert.Equal("redaction", await browser.EvaluateAsync("[...document.querySelectorAll('#issuesync-audit td.action')].map(e => e.textContent).filter((v, i, a) => a.indexOf(v) === i).join()", Ct));

        await browser.NavigateAsync($"{host.BaseAddress}hangfire/issuesync/demand?product=gadget", Ct);
        Assert.Equal("demand-9601", await browser.EvaluateAsync("document.querySelector('#issuesync-demand tbody tr').id", Ct));
        Assert.Equal("40 up, 2 down, 41 voters (weighted 8000)", await browser.EvaluateAsync("document.querySelector('#demand-9601 td.votes').textContent", Ct));
        Assert.Equal("svg", await browser.EvaluateAsync("document.querySelector('#demand-9601 td.trend svg').tagName", Ct));
        Assert.Equal("needs input", await browser.EvaluateAsync("document.querySelector('#demand-9601 td.rice .needs-input').textContent", Ct));
        Assert.Equal("Demand", await browser.EvaluateAsync("document.querySelector('.list-group-item.active, .nav .active a, a.active')?.textContent?.trim() ?? ''", Ct));
    }
}
