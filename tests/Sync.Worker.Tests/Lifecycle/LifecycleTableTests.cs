using Sync.Core.Lifecycle;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Worker.Dashboard;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Lifecycle;

/// <summary>The Moves page's lifecycle table, rendered from the store the way the page does it.</summary>
public sealed class LifecycleTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ProductDefinition Product(string key, LifecycleRules? rules) =>
        new(key, new ProjectRef("github", $"acme/{key}"), []) { Lifecycle = rules };

    private static LifecycleEntry Entry(long number, LifecyclePhase phase, string title, string url) => new()
    {
        Issue = new LifecycleIssue { Number = number, Title = title, WebUrl = url, State = phase == LifecyclePhase.NotPlanned ? IssueState.Closed : IssueState.Open },
        Phase = phase,
        VotingStartedAt = Start,
        VotingEndsAt = Start.AddDays(60),
    };

    [Fact]
    public async Task Render_ListsVotingAndClosedCandidatesWithVotes_EscapesTitles_LinksOnlyWebUrls()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new SqliteStateStore(InProcessApp.TempPath("lifecycle-table.db"));
        await store.MigrateAsync(ct);
        await store.SaveDocumentsAsync(
            [
                Entry(3, LifecyclePhase.Voting, "<img src=x onerror=alert(1)> Dark mode", "https://github.com/acme/widget/issues/3").ToStored("widget", Start),
                Entry(4, LifecyclePhase.NotPlanned, "Export", "javascript:alert(1)").ToStored("widget", Start),
                Entry(5, LifecyclePhase.Backlog, "Reached already", "https://github.com/acme/widget/issues/5").ToStored("widget", Start),
                Entry(6, LifecyclePhase.Stopped, "Planned by a human", "https://github.com/acme/widget/issues/6").ToStored("widget", Start),
                Entry(7, LifecyclePhase.Voting, "Of a product without a lifecycle", "https://github.com/acme/gadget/issues/7").ToStored("gadget", Start),
                new DemandDocument(2, 0, 2, 2, new Dictionary<string, DateTimeOffset> { ["a"] = Start, ["b"] = Start }) { Anonymous = 3 }.ToStored("widget", "github:acme/widget#3", Start),
            ],
            ct);

        var html = await LifecycleTable.RenderAsync([Product("widget", new LifecycleRules { VotesNeeded = 20 }), Product("gadget", null)], store, ct);

        Assert.Contains("id=\"issuesync-lifecycle\"", html, StringComparison.Ordinal);
        Assert.Equal(2, MovesPageTestsCount(html, "<tr class=\"lifecycle "));
        Assert.Contains("<a href=\"https://github.com/acme/widget/issues/3\" rel=\"noopener noreferrer\">github:acme/widget#3</a>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; Dark mode", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"phase\">voting</td><td class=\"votes\">5/20</td><td>2026-07-31</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"phase\">closed as not planned</td><td class=\"votes\">0/20</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reached already", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Planned by a human", html, StringComparison.Ordinal);
        Assert.DoesNotContain("gadget", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoProductWithALifecycle_IsEmpty_OneWithNothingOpenSaysNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new SqliteStateStore(InProcessApp.TempPath("lifecycle-table.db"));
        await store.MigrateAsync(ct);

        Assert.Equal(string.Empty, await LifecycleTable.RenderAsync([Product("widget", null)], store, ct));
        Assert.Contains("id=\"issuesync-no-lifecycle\"", await LifecycleTable.RenderAsync([Product("widget", new LifecycleRules())], store, ct), StringComparison.Ordinal);
    }

    private static int MovesPageTestsCount(string text, string part) => Dashboard.MovesPageTests.Count(text, part);
}
