using System.Net;
using Sync.Core.Rice;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The Demand page over the real host, after the demo's start-up run.</summary>
[Collection(HostCollection.Name)]
public sealed class DemandPageTests(PagesDashboardHost host) : IClassFixture<PagesDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_AfterADemoRun_ListsTheCountedOpenIssuesMostWantedFirst()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var product = host.Host.Services.GetRequiredService<Sync.Worker.Configuration.ProductCatalog>().Get("widget");
        var rows = await DemandRows.LoadAsync(host.Store, product, host.Now, Ct);
        Assert.NotEmpty(rows);
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/demand?product=widget", Ct);

        Assert.Equal(rows.Count, MovesPageTests.Count(page, "<tr class=\"demand\""));
        var positions = rows.Select(r => page.IndexOf($"id=\"demand-{r.Issue.Number}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        // Most wanted first: weighted votes plus the votes a forum carried as a number (the demo's forum ideas have them).
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Demand.Weighted + p.First.Demand.Anonymous >= p.Second.Demand.Weighted + p.Second.Demand.Anonymous));
        Assert.Contains(rows, r => r.Demand.Anonymous > 0);
        Assert.Contains("<option value=\"widget\" selected>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsVotesAsTextTrendAndRiceBreakdown_OrNeedsInput_AndLeavesClosedIssuesOut()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var project = ProjectRef.Parse("gitlab:acme/gadget");
        var now = host.Now;
        var book = await VoteSignalBook.LoadAsync(host.Store, "gadget", Ct);
        var open = book with { Open = [.. book.Open, 9201, 9202] };
        await host.Store.SaveDocumentsAsync(
        [
            open.ToStored("gadget", now),
            new DemandDocument(12, 1, 5000, 11, new Dictionary<string, DateTimeOffset>()).ToStored("gadget", $"{project}#9201", now),
            new DemandDocument(3, 0, 4000, 3, new Dictionary<string, DateTimeOffset>()).ToStored("gadget", $"{project}#9202", now),
            new DemandDocument(50, 0, 9000, 50, new Dictionary<string, DateTimeOffset>()).ToStored("gadget", $"{project}#9203", now),
            new RiceEntry
            {
                Number = 9201, Title = "Faster <sync>", WebUrl = "https://gitlab.example/acme/gadget/-/issues/9201", State = IssueState.Open,
                Score = new RiceScore(new RiceFactor(11, "11 voters in 90 days"), new RiceFactor(2, "impact::high"), new RiceFactor(80, "confidence::medium"), new RiceFactor(3, "effort::m")),
                Bucket = RiceBucket.High,
            }.ToStored("gadget", now),
            new RiceEntry
            {
                Number = 9202, Title = "Dark mode", WebUrl = "javascript:alert(1)", State = IssueState.Open,
                Score = new RiceScore(new RiceFactor(3, "3 voters in 90 days"), new RiceFactor(null, "no impact label"), new RiceFactor(80, "default"), new RiceFactor(null, "no effort label")),
                Bucket = RiceBucket.NeedsInput,
            }.ToStored("gadget", now),
        ], Ct);
        foreach (var (days, voters) in new[] { (120, 1), (60, 4), (20, 9), (1, 11) })
        {
            await host.Store.AddVoteSnapshotAsync(new VoteSnapshot("gadget", $"{project}#9201", now.AddDays(-days), voters, 0, voters, voters), Ct);
        }

        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/demand?product=gadget", Ct);

        Assert.DoesNotContain("id=\"demand-9203\"", page, StringComparison.Ordinal); // closed: not in the votes step's open list
        var first = Row(page, 9201);
        var second = Row(page, 9202);
        Assert.True(page.IndexOf(first, StringComparison.Ordinal) < page.IndexOf(second, StringComparison.Ordinal));
        Assert.Contains("<a href=\"https://gitlab.example/acme/gadget/-/issues/9201\" rel=\"noopener noreferrer\">#9201 Faster &lt;sync&gt;</a>", first, StringComparison.Ordinal);
        Assert.Contains("<td class=\"votes\">12 up, 1 down, 11 voters (weighted 5000)</td>", first, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"trend\"", first, StringComparison.Ordinal);
        // From the count as the window opened (the snapshot of 120 days ago still held then) to the count now.
        Assert.Contains($"Voters: 1 on {now.AddDays(-90):yyyy-MM-dd}, 11 on {now:yyyy-MM-dd}", first, StringComparison.Ordinal);
        Assert.Contains("reach <strong>11</strong> <small>11 voters in 90 days</small>", first, StringComparison.Ordinal);
        Assert.Contains("confidence <strong>80%</strong>", first, StringComparison.Ordinal);
        Assert.Contains("score <strong class=\"score\">5.87</strong>, bucket <strong class=\"bucket\">high</strong>", first, StringComparison.Ordinal);
        Assert.Contains("<td>#9202 Dark mode</td>", second, StringComparison.Ordinal);
        Assert.Contains("needs input</span> <small>(missing: impact, effort)</small>", second, StringComparison.Ordinal);
        Assert.Contains("not enough snapshots", second, StringComparison.Ordinal);
        // No script of its own (Hangfire's layout has its own), and no link but http(s).
        var table = MovesPageTests.Between(page, "id=\"issuesync-demand\"", "</table>");
        Assert.DoesNotContain("<script", table, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_ForAnUnknownProduct_ShowsOneLineError()
    {
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/demand?product=%3Cscript%3E", Ct);

        Assert.Equal("Unknown product &#39;&lt;script&gt;&#39; (configured: gadget, widget).", MovesPageTests.Between(page, "id=\"issuesync-error\">", "</div>"));
        Assert.DoesNotContain("id=\"issuesync-demand\"", page, StringComparison.Ordinal);
    }

    private static string Row(string page, long number)
    {
        var start = page.IndexOf($"id=\"demand-{number}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for #{number}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
