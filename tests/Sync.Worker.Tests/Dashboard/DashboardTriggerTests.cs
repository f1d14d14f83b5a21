using System.Diagnostics;
using System.Net;
using Hangfire;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Direction;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Triggers;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>
/// The maintainer page's pending triggers and "run in progress", and the buttons as requests that merge into them, with
/// product gadget held by "another replica" (its lease taken in the shared state store) so nothing runs meanwhile.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardTriggerTests(ProtectedDashboardHost host) : IClassFixture<ProtectedDashboardHost>
{
    private const string Replica = "replica-b:4711:run3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IStateStore Store => host.Host.Services.GetRequiredService<IStateStore>();

    private HttpClient Client() => host.Client(ProtectedDashboardHost.User, ProtectedDashboardHost.Password);

    [Fact]
    public async Task Requests_WhileAnotherReplicaRunsTheProduct_AreListedAsPendingTriggers_AndOneRunTakesThemAfterIt()
    {
        using var client = Client();
        await HoldGadgetAsync();
        try
        {
            using var first = await ResyncIssueAsync(client, "dev:acme/gadget-dev#4");
            Assert.Equal("queued", ActionRedirect.Outcome(first));
            await WaitUntilAsync(async () => (await PendingAsync("move"))?.Run.State == TriggerState.Waiting, "the move run found gadget busy");
            using var second = await ResyncIssueAsync(client, "dev:acme/gadget-dev#5");
            using var full = await client.PostAsync("/hangfire/issuesync/products/gadget/all", content: null, Ct);

            Assert.Equal(("waiting", ActionRedirect.JobId(first), "2"), (ActionRedirect.Outcome(second), ActionRedirect.JobId(second), ActionRedirect.Field(second, MaintainerPage.DeliveriesField)));
            var waiting = await client.GetStringAsync(second.Headers.Location, Ct);
            Assert.Contains("id=\"issuesync-waiting\">Product gadget is being run: the request for stage move waits with 2 request(s)", waiting, StringComparison.Ordinal);
            Assert.Equal("queued", ActionRedirect.Outcome(full));

            var page = await client.GetStringAsync("/hangfire/issuesync", Ct);
            var move = Row(page, "trigger-gadget-move");
            Assert.Contains("<td class=\"deliveries\">2</td>", move, StringComparison.Ordinal);
            Assert.Contains("<code>dev:acme/gadget-dev#4</code> <code>dev:acme/gadget-dev#5</code>", move, StringComparison.Ordinal);
            Assert.Contains($"waiting for the product's current run (job <a href=\"/hangfire/jobs/details/{ActionRedirect.JobId(first)}\">#{ActionRedirect.JobId(first)}</a> found it busy)", move, StringComparison.Ordinal);
            Assert.Contains(" UTC</td>", move, StringComparison.Ordinal);
            Assert.Contains("<em>none (a product or stage request)</em>", Row(page, "trigger-gadget-all"), StringComparison.Ordinal);
            Assert.Contains($"<strong>yes</strong> <small>({Replica}, lease until ", Cell(page, "running-gadget"), StringComparison.Ordinal);
            Assert.Equal("no", Cell(page, "running-widget"));
        }
        finally
        {
            await ReleaseGadgetAsync();
        }

        // The full run comes first in pipeline order and covers the move stage: one run takes both triggers.
        await WaitUntilAsync(async () => await PendingAsync("all") is null && await PendingAsync("move") is null, "a run took gadget's triggers");
        var after = await client.GetStringAsync("/hangfire/issuesync", Ct);
        Assert.Contains("id=\"issuesync-no-triggers\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildRoadmap_ClickedTwiceBeforeItRuns_MergesIntoTheFirstRun()
    {
        using var client = Client();
        await HoldGadgetAsync();
        try
        {
            using var first = await client.PostAsync("/hangfire/issuesync/products/gadget/roadmap", content: null, Ct);
            using var second = await client.PostAsync("/hangfire/issuesync/products/gadget/roadmap", content: null, Ct);

            Assert.Equal("queued", ActionRedirect.Outcome(first));
            Assert.Contains(ActionRedirect.Outcome(second), new[] { "merged", "waiting" });
            Assert.Equal(ActionRedirect.JobId(first), ActionRedirect.JobId(second));
            Assert.Equal(2, (await PendingAsync("roadmap"))!.Deliveries);
            var page = await client.GetStringAsync(second.Headers.Location, Ct);
            Assert.Matches("id=\"issuesync-(merged|waiting)\"", page);
        }
        finally
        {
            await ReleaseGadgetAsync();
        }
    }

    [Fact]
    public async Task Chromium_SeesThePendingTriggersAndTheRunInProgress()
    {
        var chromium = Chromium.Require();
        using var client = Client();
        await HoldGadgetAsync();
        try
        {
            using var response = await ResyncIssueAsync(client, "gitlab:acme/gadget#3");
            var dir = Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!;
            var url = $"http://{ProtectedDashboardHost.User}:{ProtectedDashboardHost.Password}@{host.BaseAddress.Authority}/hangfire/issuesync";

            var dom = await Chromium.RunAsync(chromium, Path.Combine(dir, "profile"), TimeSpan.FromSeconds(60), Ct, "--dump-dom", url);

            Assert.Contains("<h3>Pending triggers</h3>", dom, StringComparison.Ordinal);
            Assert.Contains("<code>gitlab:acme/gadget#3</code>", Row(dom, "trigger-gadget-rice"), StringComparison.Ordinal);
            Assert.Contains("<strong>yes</strong>", Cell(dom, "running-gadget"), StringComparison.Ordinal);
        }
        finally
        {
            await ReleaseGadgetAsync();
        }
    }

    private Task<HttpResponseMessage> ResyncIssueAsync(HttpClient client, string reference) =>
        client.PostAsync("/hangfire/issuesync/issue", new FormUrlEncodedContent([new(MaintainerActions.IssueField, reference)]), Ct);

    private async Task<PendingTrigger?> PendingAsync(string stage) =>
        (await Store.ListTriggersAsync("gadget", Ct)).FirstOrDefault(t => t.Stage == stage);

    /// <summary>Lets the start-up runs finish, then takes gadget's lease as another replica's run would.</summary>
    private async Task HoldGadgetAsync()
    {
        var monitoring = host.Monitoring;
        await WaitUntilAsync(() => Task.FromResult(monitoring.GetStatistics() is { Enqueued: 0, Processing: 0 } && monitoring.SucceededListCount() >= 2), "the start-up runs ended");
        var now = host.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.True(await Store.TryAcquireLeaseAsync(ProductPipeline.LeaseName("gadget"), Replica, now, TimeSpan.FromMinutes(5), Ct));
    }

    /// <summary>The other replica's run ends: it releases the lease and wakes what waited, as every run does.</summary>
    private async Task ReleaseGadgetAsync()
    {
        await Store.ReleaseLeaseAsync(ProductPipeline.LeaseName("gadget"), Replica, CancellationToken.None);
        await host.Host.Services.GetRequiredService<TriggerQueue>().WakeAsync("gadget", CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(host.Monitoring.GetStatistics() is { Enqueued: 0, Processing: 0 }), "the woken runs ended");
    }

    private static string Row(string page, string id) => Element(page, $"<tr id=\"{id}\">", "</tr>");

    private static string Cell(string page, string id)
    {
        var cell = Element(page, $"<td id=\"{id}\">", "</td>");
        return cell[(cell.IndexOf('>', StringComparison.Ordinal) + 1)..];
    }

    private static string Element(string page, string start, string end)
    {
        var at = page.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{start} is not on the page");
        return page[at..page.IndexOf(end, at, StringComparison.Ordinal)];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting until {what}");
            await Task.Delay(100, Ct);
        }
    }
}
