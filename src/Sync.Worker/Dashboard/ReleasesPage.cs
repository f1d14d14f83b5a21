using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Sync.Core.Releases;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Direction;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "Releases" page: ask for a milestone's release notes now (product and milestone title; open or
/// closed), which records the request and asks for a run of the product's releases stage (<see cref="ReleasesActions"/>);
/// lists the requests still pending and the notes written so far, with their /direction page. Everything is HTML-encoded.
/// </summary>
internal sealed class ReleasesPage : RazorPage
{
    public const string Route = MaintainerPage.Route + "/releases";
    public const string Title = "Releases";
    public const string ProductField = "product";
    public const string MilestoneField = "milestone";

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        var products = services.GetRequiredService<ProductCatalog>().All.Where(p => p.ReleaseNotes is not null).ToList();
        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        WriteLiteral(ReleasesActions.Outcome(this));
        if (products.Count == 0)
        {
            WriteLiteral("<p id=\"issuesync-releases-none\">No product drafts release notes: set <code>IssueSync:Products:&lt;key&gt;:ReleaseNotes:Enabled</code>.</p></div></div>");
            return;
        }

        WriteLiteral($"<form method=\"post\" class=\"form-inline\" id=\"issuesync-releases-request\" action=\"{E(Url.To(ReleasesActions.RequestRoute))}\" style=\"margin-bottom:12px\">"
            + AntiforgeryField(Context, services)
            + Select(ProductField, "Product", products.Select(p => (p.Key, p.Key)), Query(ProductField), all: null)
            + $"<input type=\"text\" name=\"{MilestoneField}\" id=\"{MilestoneField}\" placeholder=\"Milestone title\" maxlength=\"255\" class=\"form-control\"> "
            + "<button type=\"submit\" class=\"btn btn-default\">Draft release notes</button></form>"
            + "<p class=\"text-muted\">The notes are drafted on the product's next releases run (asked for now): one issue per milestone in the public project, updated in place.</p>");

        // Hangfire renders pages synchronously: two document reads per product.
        var store = services.GetRequiredService<IDocumentStore>();
        WriteLiteral("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-releases\"><thead><tr><th>Product</th><th>Milestone</th><th>State</th></tr></thead><tbody>");
        foreach (var product in products)
        {
            foreach (var request in ReleaseNotesRequest.LoadAsync(store, product.Key, http.RequestAborted).GetAwaiter().GetResult())
            {
                WriteLiteral($"<tr class=\"release-pending\"><td>{E(product.Key)}</td><td>{E(request.Milestone)}</td><td>requested by {E(request.By ?? "?")}, waiting for the releases run</td></tr>");
            }

            foreach (var notes in ReleaseNotesPage.LoadAsync(store, product.Key, http.RequestAborted).GetAwaiter().GetResult())
            {
                var page = $"{http.Request.PathBase}/{ReleaseNotesPage.Href(product.Key, notes.Draft!.Milestone)}";
                var milestone = notes.Draft!.Milestone;
                var issue = notes.IsProjectLink(notes.WebUrl) ? $" · <a href=\"{E(notes.WebUrl)}\">issue</a>" : string.Empty;
                WriteLiteral($"<tr class=\"release-written\"><td>{E(product.Key)}</td><td>{E(milestone)}</td><td>{E(notes.Draft.Shipped.ToString(System.Globalization.CultureInfo.InvariantCulture))} shipped issue(s) · "
                    + $"<a href=\"{E(page)}\">page</a>{issue}</td></tr>");
            }
        }

        WriteLiteral("</tbody></table></div></div></div>");
    }
}
