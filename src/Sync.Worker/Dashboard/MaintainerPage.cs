using System.Globalization;
using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.Extensions.Options;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "IssueSync" page: each product with its resync buttons and whether a run of it is in progress, the
/// pending triggers (requests waiting for a run), and a form to resync one issue. Plain HTML forms post to
/// <see cref="MaintainerActions"/>, which redirect back here with the outcome in the query.
/// </summary>
internal sealed class MaintainerPage : RazorPage
{
    public const string Route = "/issuesync";
    public const string Title = "IssueSync";
    public const string OutcomeField = "outcome";
    public const string JobField = "job";
    public const string ProductField = "product";
    public const string StageField = "stage";
    public const string DeliveriesField = "deliveries";
    public const string InvalidQuery = "invalid";

    /// <summary>The query an action redirects back with.</summary>
    public static string OutcomeQuery(TriggerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var query = $"?{OutcomeField}={result.Outcome.ToString().ToLowerInvariant()}&{ProductField}={Uri.EscapeDataString(result.Product)}"
            + $"&{StageField}={Uri.EscapeDataString(result.Stage)}&{DeliveriesField}={result.Deliveries.ToString(CultureInfo.InvariantCulture)}";
        return result.Job is { } job ? $"{query}&{JobField}={Uri.EscapeDataString(job)}" : query;
    }

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var services = Context.GetHttpContext().RequestServices;
        var products = services.GetRequiredService<ProductCatalog>().All;
        var invalid = Query(InvalidQuery);
        var cancellation = Context.GetHttpContext().RequestAborted;

        // Hangfire renders pages synchronously; these are small reads of the state store (the triggers, one lease per product).
        var store = services.GetRequiredService<IStateStore>();
        var pending = store.ListTriggersAsync(null, cancellation).GetAwaiter().GetResult();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var running = products.ToDictionary(
            p => p.Key,
            p => store.GetLeaseAsync(ProductPipeline.LeaseName(p.Key), cancellation).GetAwaiter().GetResult() is { } lease && lease.IsHeldAt(now) ? lease : null,
            StringComparer.Ordinal);

        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        WriteOutcome(products, services, invalid);

        WriteLiteral("<h3>Products</h3><div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-products\"><thead><tr>"
            + "<th>Product</th><th>Public project</th><th>Sources</th><th>Run in progress</th><th>Actions</th></tr></thead><tbody>");
        foreach (var product in products)
        {
            WriteLiteral($"<tr id=\"product-{E(product.Key)}\"><td><strong>{E(product.Key)}</strong></td><td><code>{E(product.Public.ToString())}</code></td><td>");
            WriteLiteral(string.Join("<br>", product.MoveSources.Select(s => $"<code>{E(s.Project.ToString())}</code>")));
            WriteLiteral($"</td><td id=\"running-{E(product.Key)}\">{TriggerTable.Running(running[product.Key])}</td><td>");
            foreach (var stage in MaintainerActions.ProductActions.Where(d => d.IsEnabled(product)))
            {
                WriteButton(services, MaintainerActions.ProductPath(product.Key, stage.Name), stage.DashboardAction!, stage.Name == PipelineStages.All ? "btn-primary" : "btn-default");
            }

            WriteLiteral("</td></tr>");
        }

        WriteLiteral("</tbody></table></div>");
        WriteLiteral(TriggerTable.Render(pending, job => Url.JobDetails(job)));

        WriteLiteral($"<h3>Resync one issue</h3><form method=\"post\" class=\"form-inline\" id=\"issuesync-resync-issue\" action=\"{E(Url.To(MaintainerActions.IssueRoute))}\">");
        WriteAntiforgeryField(services);
        WriteLiteral($"<input type=\"text\" class=\"form-control\" size=\"50\" name=\"{MaintainerActions.IssueField}\" required"
            + $" placeholder=\"{E(IssueReferenceInput.Example)} or the issue's URL\" value=\"{E(invalid ?? string.Empty)}\"> "
            + "<button type=\"submit\" class=\"btn btn-primary\">Resync issue</button></form>"
            + "<p class=\"help-block\">An issue in a private source runs the product's move stage; a public issue runs its votes stage "
            + "(RICE when the product scores). The stages list incrementally, so they pick up the change without a full resync.</p>");
        WriteLiteral("</div></div>");
    }

    private void WriteOutcome(IReadOnlyCollection<ProductDefinition> products, IServiceProvider services, string? invalid)
    {
        if (invalid is not null)
        {
            var trackers = services.GetRequiredService<IOptions<IssueSyncOptions>>().Value.Trackers;
            IssueReferenceInput.TryResolve(invalid, products, trackers, out _, out var error);
            WriteLiteral($"<div class=\"alert alert-danger\" id=\"issuesync-error\">{E(error)} Nothing was enqueued.</div>");
            return;
        }

        var product = Query(ProductField) ?? string.Empty;
        var stage = Query(StageField) ?? string.Empty;
        var deliveries = Query(DeliveriesField) ?? "1";
        var jobId = Query(JobField);
        var link = jobId is { Length: > 0 } ? $" <a href=\"{E(Url.JobDetails(jobId))}\">#{E(jobId)}</a>" : string.Empty;
        switch (Query(OutcomeField))
        {
            case "queued" when jobId is { Length: > 0 } && Storage.GetMonitoringApi().JobDetails(jobId) is { Job: not null } job:
                WriteLiteral($"<div class=\"alert alert-success\" id=\"issuesync-enqueued\">Enqueued{link}: {E(Html.JobName(job.Job))}</div>");
                break;
            case "merged":
                WriteLiteral($"<div class=\"alert alert-info\" id=\"issuesync-merged\">Merged into the pending run{link} of product {E(product)}, stage {E(stage)}: "
                    + $"{E(deliveries)} request(s) so far, one run for all of them.</div>");
                break;
            case "waiting":
                WriteLiteral($"<div class=\"alert alert-info\" id=\"issuesync-waiting\">Product {E(product)} is being run: the request for stage {E(stage)} "
                    + $"waits with {E(deliveries)} request(s) and runs once after the current run.</div>");
                break;
        }
    }

    private void WriteButton(IServiceProvider services, string route, string text, string style)
    {
        WriteLiteral($"<form method=\"post\" style=\"display:inline-block;margin-right:6px\" action=\"{E(Url.To(route))}\">");
        WriteAntiforgeryField(services);
        WriteLiteral($"<button type=\"submit\" class=\"btn btn-sm {style}\">{E(text)}</button></form>");
    }

    private void WriteAntiforgeryField(IServiceProvider services) => WriteLiteral(DashboardHtml.AntiforgeryField(Context, services));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
