using Hangfire.Dashboard;
using Sync.Core.Pipeline;
using Sync.Core.Releases;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The Releases page's post: records a request for a milestone's notes (a document the releases step takes) and asks
/// for a run of the product's releases stage through the pending trigger (as Import asks for the move stage), then
/// redirects back to the page (post/redirect/get). Cross-site posts never get here (<see cref="DashboardAuthentication"/>).
/// </summary>
internal static class ReleasesActions
{
    public const string RequestRoute = ReleasesPage.Route + "/request";
    public const string RequestedField = "requested";
    public const string RunField = "run";
    public const string RefusedField = "refused";

    public static void Register(Hangfire.Dashboard.RouteCollection routes) =>
        routes.Add(RequestRoute, new MaintainerActions.PostDispatcher(RequestAsync));

    private static async Task RequestAsync(DashboardContext context, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var product = form[ReleasesPage.ProductField].ToString();
        var milestone = form[ReleasesPage.MilestoneField].ToString().Trim();
        var services = http.RequestServices;
        var definition = services.GetRequiredService<ProductCatalog>().All.FirstOrDefault(p => string.Equals(p.Key, product, StringComparison.Ordinal));
        if (definition?.ReleaseNotes is null || milestone.Length is 0 or > 255)
        {
            Redirect(context, http, $"?{RefusedField}={(definition?.ReleaseNotes is null ? "product" : "milestone")}");
            return;
        }

        var user = DashboardAccessFilter.UserOf(context) ?? "?";
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<IDocumentStore>().SaveDocumentsAsync([new ReleaseNotesRequest(milestone, user, now).ToStored(definition.Key)], http.RequestAborted);
        var result = await services.GetRequiredService<TriggerQueue>().AddAsync(definition.Key, PipelineStages.Releases, [], http.RequestAborted);
        var logger = services.GetRequiredService<ILogger<ReleasesPage>>();
        var job = result.Job ?? "-";
        Log.ActionRequested(logger, user, definition.Key, PipelineStages.Releases, result.Outcome, job, result.Deliveries);
        Redirect(context, http, $"?{ReleasesPage.ProductField}={Uri.EscapeDataString(definition.Key)}&{RequestedField}={Uri.EscapeDataString(milestone)}&{RunField}={result.Outcome.ToString().ToLowerInvariant()}");
    }

    /// <summary>The outcome line the page shows after a post (empty when the page was not reached from one).</summary>
    public static string Outcome(RazorPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var http = page.Context.GetHttpContext();
        string? Q(string name) => http.Request.Query[name].FirstOrDefault();
        if (Q(RequestedField) is { } milestone)
        {
            var run = Q(RunField) switch
            {
                "queued" => "the releases stage is enqueued",
                "merged" => "it joins the pending releases run",
                "waiting" => "the releases stage runs once the product's current run ends",
                _ => "the releases stage is requested",
            };
            return $"<div class=\"alert alert-success\" id=\"issuesync-releases-done\">Release notes of {DashboardHtml.E(milestone)} requested; {DashboardHtml.E(run)}. An unknown milestone is reported in the run's output.</div>";
        }

        return Q(RefusedField) switch
        {
            "product" => "<div class=\"alert alert-danger\" id=\"issuesync-releases-refused\">That product drafts no release notes.</div>",
            "milestone" => "<div class=\"alert alert-danger\" id=\"issuesync-releases-refused\">Name the milestone (its title, at most 255 characters).</div>",
            _ => string.Empty,
        };
    }

    private static void Redirect(DashboardContext context, HttpContext http, string query)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(ReleasesPage.Route) + query;
    }
}
