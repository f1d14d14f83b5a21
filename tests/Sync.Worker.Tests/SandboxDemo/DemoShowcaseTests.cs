using System.Net;
using Hangfire;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.SandboxDemo;

/// <summary>
/// The demo as a visitor starts it (service mode, its start-up runs, the planned failing move on) shows the product:
/// recent votes give RICE scores and weekly trends, the roadmap's Now column has a real score, the sensitive dev issue's public copy is
/// redacted, and one move failed with the tracker's words, in the ledger.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DemoShowcaseTests
{
    [Fact]
    public async Task DemoRun_ScoresVotedIssues_FillsNowWithAScore_RedactsTheSensitiveCopy_AndRecordsTheFailedMove()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = InProcessApp.TempPath("showcase.db");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new InProcessApp();

        // A yearly schedule: only the start-up run of each product happens during the test.
        var run = app.RunAsync(
            [
                "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0", "--sandbox-failed-move", "on",
                $"--IssueSync:Storage:SqlitePath={database}",
                .. new[] { "widget", "gadget" }.SelectMany(p => new[] { "Move", "Votes", "Lifecycle", "Rice", "Roadmap", "Releases" }.Select(s => $"--IssueSync:Products:{p}:Schedule:{s}=0 0 1 1 *")),
            ],
            started.SetResult,
            stop.Token);
        var host = await started.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitoring.SucceededListCount() + monitoring.FailedCount() < 2 && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200, ct);
        }

        // The widget run fails on its one refused move (and only on it); gadget's run succeeds.
        var failed = monitoring.FailedJobs(0, 10).Select(j => j.Value.ExceptionMessage).ToList();
        var failure = Assert.Single(failed);
        Assert.Equal(1, monitoring.SucceededListCount());
        var store = new SqliteStateStore(database);
        var moves = await store.ListMovesAsync("widget", ct);
        var failedMove = Assert.Single(moves, m => m.Failed);
        Assert.Contains(SandboxDemoIssues.FailingMoveMessage, failedMove.Error, StringComparison.Ordinal);
        Assert.Contains(failedMove.SourceIssue, failure, StringComparison.Ordinal);
        Assert.NotNull(failedMove.TargetUrl); // the public copy exists; the move stopped at the notice on its source
        Assert.True(moves.Count(m => !m.Failed && !m.Parked) > 20, "the other widget moves completed");

        // The failed move's source is the seed's "CSV export" issue, and its page is served by the sandbox.
        var sandbox = new Uri(app.Output.ToString().Split('\n').First(l => l.StartsWith("Sandbox trackers at ", StringComparison.Ordinal)).Split(' ')[3]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var number = failedMove.SourceIssue[(failedMove.SourceIssue.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var sourcePage = await http.GetStringAsync(new Uri(sandbox, $"gitlab-dev/acme/widget/-/issues/{number}"), ct);
        Assert.Contains("CSV export drops the last row", sourcePage, StringComparison.Ordinal);

        // Voted issues have a RICE score above zero, and both products' Now columns carry a real score.
        foreach (var product in new[] { "widget", "gadget" })
        {
            var rice = await RiceEntry.LoadAsync(store, product, ct);
            Assert.Contains(rice.Values, e => e.Score?.Score > 0);
            var roadmap = await ProductRoadmap.LoadAsync(store, product, ct);
            Assert.NotNull(roadmap);
            Assert.Contains(roadmap.In(RoadmapSection.Now), i => i.RiceScore > 0);

            // The seed's votes are spread over eight weeks, and a first count reads the history from them: trends show.
            Assert.Contains(roadmap.Items, i => i.UpChange > 0);
        }

        var widgetRice = await RiceEntry.LoadAsync(store, "widget", ct);
        foreach (var title in new[] { "Bulk edit for saved reports", "Offline mode for the mobile app", "Dark mode for the dashboard" })
        {
            var entry = Assert.Single(widgetRice.Values, e => e.Title == title);
            Assert.True(entry.Score?.Score > 0, $"{title}: RICE {entry.Score?.Score}");
        }

        Assert.True(Assert.Single(widgetRice.Values, e => e.Title == "Single sign-on with Okta").Score?.NeedsInput);
        var planned = Assert.Single((await ProductRoadmap.LoadAsync(store, "widget", ct))!.In(RoadmapSection.Now), i => i.Title == "Bulk edit for saved reports");
        Assert.Equal("v2.4", planned.Milestone);
        Assert.NotNull(planned.MilestoneDue);

        // The sensitive dev issue's public copy, on the sandbox's own page: redacted, nothing private left.
        var sensitive = Assert.Single(widgetRice.Values, e => e.Title == "Webhook deliveries to the billing service time out");
        using var copy = await http.GetAsync(sensitive.WebUrl, ct);
        var copyPage = await copy.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Contains("[REDACTED]", copyPage, StringComparison.Ordinal);
        Assert.Contains("<code>[REDACTED]</code>", copyPage, StringComparison.Ordinal); // the private path, its code span intact
        Assert.DoesNotContain(SandboxDemoIssues.SensitiveToken, copyPage, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxDemoIssues.InternalHost, copyPage, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxDemoIssues.PrivatePath, copyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Contoso's billing admin", copyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Private project", copyPage, StringComparison.Ordinal);

        // The forums: the widget's two Discussions ideas and the gadget's three open Discourse ideas became public issues
        // (the closed one stayed); the 42 upvotes of the keyboard idea are carried apart and shown as such.
        Assert.Equal(2, moves.Count(m => m.SourceIssue.StartsWith("ideas:acme/widget/ideas#", StringComparison.Ordinal) && m.TargetUrl is not null && !m.Failed));
        var gadgetMoves = await store.ListMovesAsync("gadget", ct);
        Assert.Equal(3, gadgetMoves.Count(m => m.SourceIssue.StartsWith("forum:c/ideas#", StringComparison.Ordinal) && m.TargetUrl is not null && !m.Failed));
        var keyboard = Assert.Single(widgetRice.Values, e => e.Title == "Keyboard shortcuts for the board");
        var keyboardPage = await http.GetStringAsync(keyboard.WebUrl, ct);
        Assert.Contains("Moved from the feature forum", keyboardPage, StringComparison.Ordinal);
        var demand = await Sync.Core.Votes.DemandDocument.LoadAsync(store, "widget", ct);
        Assert.Equal(42, demand[$"github:acme/widget#{keyboard.Number}"].Anonymous);
        Assert.Contains("+ 42 from the forum", keyboard.Score!.Reach.Source, StringComparison.Ordinal);

        // The voting lifecycle: the request with enough votes reached the backlog in its first pass, the one with a single
        // vote is voting, the maintainer's is exempt; RICE scores only the one in the backlog.
        var lifecycle = await Sync.Core.Lifecycle.LifecycleEntry.LoadAsync(store, "widget", ct);
        Assert.Equal(Sync.Core.Lifecycle.LifecyclePhase.Backlog, Assert.Single(lifecycle.Values, e => e.Issue.Title == "Calendar sync with Outlook").Phase);
        Assert.Equal(Sync.Core.Lifecycle.LifecyclePhase.Voting, Assert.Single(lifecycle.Values, e => e.Issue.Title == "Custom fonts in exported reports").Phase);
        Assert.DoesNotContain(lifecycle.Values, e => e.Issue.Title == "Gantt chart view");
        Assert.NotNull(Assert.Single(widgetRice.Values, e => e.Title == "Calendar sync with Outlook").Score); // in the backlog: scored in the same pass
        Assert.Null(Assert.Single(widgetRice.Values, e => e.Title == "Custom fonts in exported reports").Score);
        var fontsPage = await http.GetStringAsync(lifecycle.Values.Single(e => e.Issue.Title == "Custom fonts in exported reports").Issue.WebUrl, ct);
        Assert.Contains("this feature request needs 3 vote(s)", fontsPage, StringComparison.Ordinal);

        // Release notes: the closed v2.3 got one draft issue, its three shipped issues grouped by label with their demand;
        // the one closed as not planned is not in it. It is served on /direction.
        var notes = Assert.Single((await Sync.Core.Releases.ReleaseNotesState.LoadAsync(store, "widget", ct)).Values);
        Assert.NotNull(notes.Number);
        var notesPage = await http.GetStringAsync(notes.WebUrl, ct);
        Assert.Contains("Release notes: v2.3", notesPage, StringComparison.Ordinal);
        Assert.Contains("Export reports to PDF", notesPage, StringComparison.Ordinal);
        Assert.Contains("Date picker ignores", notesPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Fax the weekly report", notesPage, StringComparison.Ordinal);
        Assert.True(notes.Body!.Contains("Date picker ignores", StringComparison.Ordinal), notes.Body);
        // Closed before IssueSync ever counted them: their demand is the tracker's own 👍 count.
        Assert.Matches(@"Export reports to PDF\]\([^)]+\) — 👍 1[12] over 6 months", notes.Body);
        var dashboard = new Uri(host.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));
        using var releasePage = await http.GetAsync(new Uri(dashboard, "/direction/widget/releases/v2.3"), ct);
        Assert.Equal(HttpStatusCode.OK, releasePage.StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), ct));
    }
}
