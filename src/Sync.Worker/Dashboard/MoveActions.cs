using Hangfire.Dashboard;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Triggers;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The Moves page's Retry button: clears a failed or parked move's failure (as resyncing a parked issue does) and requests a
/// run of the product's move stage naming the issue, through the same pending trigger as every other request; then redirects
/// back to the page with the outcome (post/redirect/get). Cross-site posts never get here (<see cref="DashboardAuthentication"/>).
/// </summary>
internal static class MoveActions
{
    public const string RetryRoute = MovesPage.Route + "/retry";
    public const string ProductField = "product";
    public const string SourceField = "source";

    // The outcome query of a retry: which move, what became of the request, or why nothing was done.
    public const string RetriedField = "retried";
    public const string RunField = "run";
    public const string JobField = "job";
    public const string RefusedField = "refused";
    public const string RefusedUnknown = "unknown";
    public const string RefusedNotRetriable = "not-retriable";

    public static void Register(Hangfire.Dashboard.RouteCollection routes) => routes.Add(RetryRoute, new MaintainerActions.PostDispatcher(RetryAsync));

    /// <summary>The move as a retry leaves it: no error, no attempts counted, changed now.</summary>
    public static MoveRecord ClearFailure(MoveRecord move, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(move);
        return move with { Error = null, Attempts = 0, UpdatedAt = now };
    }

    private static async Task RetryAsync(DashboardContext context, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var product = form[ProductField].ToString();
        var source = form[SourceField].ToString();
        var ledger = http.RequestServices.GetRequiredService<IMoveLedger>();
        var move = product.Length == 0 || source.Length == 0 ? null : await ledger.GetMoveAsync(product, source, http.RequestAborted);
        if (move is null || !IssueRef.TryParse(source, out var issue))
        {
            Redirect(context, http, $"?{RefusedField}={RefusedUnknown}&{RetriedField}={Uri.EscapeDataString(source)}");
            return;
        }

        if (move.Status is not (MoveStatus.Failed or MoveStatus.Parked))
        {
            // A pass finished or restarted it since the page was shown.
            Redirect(context, http, $"?{RefusedField}={RefusedNotRetriable}&{RetriedField}={Uri.EscapeDataString(source)}");
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await ledger.SaveMoveAsync(ClearFailure(move, now), http.RequestAborted);
        var result = await http.RequestServices.GetRequiredService<TriggerQueue>().AddAsync(move.Product, PipelineStages.Move, [issue!], http.RequestAborted);
        var logger = http.RequestServices.GetRequiredService<ILogger<MovesPage>>();
        var user = DashboardAccessFilter.UserOf(context) ?? "?";
        var job = result.Job ?? "-";
        Log.ActionRequested(logger, user, move.Product, PipelineStages.Move, result.Outcome, job, result.Deliveries);
        var query = $"?{RetriedField}={Uri.EscapeDataString(source)}&{RunField}={result.Outcome.ToString().ToLowerInvariant()}";
        Redirect(context, http, result.Job is { } id ? $"{query}&{JobField}={Uri.EscapeDataString(id)}" : query);
    }

    /// <summary>The outcome line the page shows after a retry (empty when the page was not reached from one).</summary>
    public static string Outcome(RazorPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var http = page.Context.GetHttpContext();
        string? Q(string name) => http.Request.Query[name].FirstOrDefault();
        var source = Q(RetriedField);
        if (source is null)
        {
            return string.Empty;
        }

        var job = Q(JobField) is { Length: > 0 } id ? $" <a href=\"{E(page.Url.JobDetails(id))}\">#{E(id)}</a>" : string.Empty;
        return (Q(RefusedField), Q(RunField)) switch
        {
            (RefusedUnknown, _) => $"<div class=\"alert alert-danger\" id=\"issuesync-retry\">No move of {E(source)} is in the ledger. Nothing was retried.</div>",
            (RefusedNotRetriable, _) => $"<div class=\"alert alert-warning\" id=\"issuesync-retry\">The move of {E(source)} is no longer failed or parked. Nothing was retried.</div>",
            (_, "queued") => $"<div class=\"alert alert-success\" id=\"issuesync-retry\">Retrying the move of {E(source)}: its failure is cleared and the move stage is enqueued{job}.</div>",
            (_, "merged") => $"<div class=\"alert alert-success\" id=\"issuesync-retry\">Retrying the move of {E(source)}: its failure is cleared and it joins the pending move run{job}.</div>",
            (_, "waiting") => $"<div class=\"alert alert-success\" id=\"issuesync-retry\">Retrying the move of {E(source)}: its failure is cleared; the move stage runs once the product's current run ends.</div>",
            _ => string.Empty,
        };
    }

    private static void Redirect(DashboardContext context, HttpContext http, string query)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(MovesPage.Route) + query;
    }
}
