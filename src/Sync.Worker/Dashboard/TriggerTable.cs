using System.Globalization;
using System.Net;
using Sync.Core.Storage;
using Sync.Worker.Triggers;

namespace Sync.Worker.Dashboard;

/// <summary>The maintainer page's "Pending triggers" table and "run in progress" cells, as HTML.</summary>
internal static class TriggerTable
{
    /// <summary>Issues listed per trigger; the rest are counted.</summary>
    public const int IssuesShown = 20;

    private const string Time = "yyyy-MM-dd HH:mm:ss 'UTC'";

    /// <param name="jobLink">The dashboard URL of a job id.</param>
    public static string Render(IReadOnlyList<PendingTrigger> pending, Func<string, string> jobLink)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(jobLink);
        var html = new System.Text.StringBuilder("<h3>Pending triggers</h3>");
        html.Append("<p class=\"help-block\">Webhook deliveries and the buttons on this page ask for a run of one stage of a product. "
            + "Requests arriving before a run takes them are merged here: one run per product and stage, told every issue they named.</p>");
        if (pending.Count == 0)
        {
            return html.Append("<p id=\"issuesync-no-triggers\">None: every request has been taken by a run.</p>").ToString();
        }

        html.Append("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-triggers\"><thead><tr>"
            + "<th>Product</th><th>Stage</th><th>Requests merged</th><th>Issues named</th><th>Pending since</th><th>Run</th></tr></thead><tbody>");
        foreach (var trigger in pending)
        {
            var issues = trigger.Issues.Count == 0
                ? "<em>none (a product or stage request)</em>"
                : string.Join(" ", trigger.Issues.Take(IssuesShown).Select(i => $"<code>{E(i)}</code>"))
                    + (trigger.Issues.Count > IssuesShown ? string.Create(CultureInfo.InvariantCulture, $" and {trigger.Issues.Count - IssuesShown} more") : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"trigger-{E(trigger.Product)}-{E(trigger.Stage)}\"><td>{E(trigger.Product)}</td><td>{E(trigger.Stage)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"deliveries\">{trigger.Deliveries}</td><td class=\"issues\">{issues}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{trigger.FirstAt.UtcDateTime.ToString(Time, CultureInfo.InvariantCulture)}</td><td class=\"run\">{Run(trigger.Run, jobLink)}</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>Whether a run holds the product: its lease holder (replica) and until when it is renewed.</summary>
    public static string Running(LeaseRecord? lease) => lease is null
        ? "no"
        : $"<strong>yes</strong> <small>({E(lease.Owner)}, lease until {lease.ExpiresAt.UtcDateTime.ToString(Time, CultureInfo.InvariantCulture)})</small>";

    private static string Run(TriggerRun run, Func<string, string> jobLink)
    {
        var job = TriggerQueue.RealJob(run.Job) is { } id ? $"<a href=\"{E(jobLink(id))}\">#{E(id)}</a>" : null;
        return run.State switch
        {
            TriggerState.Waiting => $"waiting for the product's current run (job {job ?? "?"} found it busy)",
            _ when job is null => "being enqueued",
            _ => $"queued as job {job}",
        };
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
