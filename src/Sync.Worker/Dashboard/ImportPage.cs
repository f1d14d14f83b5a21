using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Sync.Core.Storage;
using Sync.Worker.Trackers.CsvImport;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "Import" page: choose a product, upload a feature forum's CSV export, see the preview (the same
/// check as <c>--import-csv --dry-run</c>, every error listed), then Import (<see cref="ImportActions"/>). Everything
/// from the file is HTML-encoded.
/// </summary>
internal sealed class ImportPage : RazorPage
{
    public const string Route = MaintainerPage.Route + "/import";
    public const string Title = "Import";
    public const string ProductField = "product";
    public const string UploadField = "upload";
    public const string FileField = "file";

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        var imports = services.GetRequiredService<CsvImports>();
        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        WriteLiteral(ImportActions.Outcome(this));
        var products = imports.Products;
        if (products.Count == 0)
        {
            WriteLiteral("<p id=\"issuesync-import-none\">No product takes CSV imports: add a forum <code>csv:&lt;product&gt;/import</code> to a product (<code>IssueSync:Products:&lt;key&gt;:Forums:&lt;i&gt;:Project</code>).</p></div></div>");
            return;
        }

        WriteLiteral($"<form method=\"post\" enctype=\"multipart/form-data\" class=\"form-inline\" id=\"issuesync-import-upload\" action=\"{E(Url.To(ImportActions.PreviewRoute))}\" style=\"margin-bottom:12px\">"
            + AntiforgeryField(Context, services)
            + Select(ProductField, "Product", products.Select(p => (p, p)), Query(ProductField), all: null)
            + $"<input type=\"file\" name=\"{FileField}\" id=\"{FileField}\" accept=\".csv,text/csv\" class=\"form-control\"> "
            + "<button type=\"submit\" class=\"btn btn-default\">Preview</button></form>"
            + "<p class=\"text-muted\">Columns: title (required), body, author, created, votes, voters, url, or the names Canny, UserVoice and Fider exports give them. Nothing is stored until you press Import.</p>");

        if (Query(UploadField) is not { Length: > 0 } upload || Query(ProductField) is not { Length: > 0 } product)
        {
            WriteLiteral("</div></div>");
            return;
        }

        // Hangfire renders pages synchronously: one read of the stored upload, one of the product's ideas.
        var stored = ImportUploads.GetAsync(services.GetRequiredService<IDocumentStore>(), product, upload, http.RequestAborted).GetAwaiter().GetResult();
        if (stored is null)
        {
            WriteLiteral(Error("That upload is gone (imported, or older than an hour); upload the file again.") + "</div></div>");
            return;
        }

        var check = imports.CheckAsync(product, stored.FileName, stored.Content, http.RequestAborted).GetAwaiter().GetResult();
        if (check.Plan is not { } plan)
        {
            WriteLiteral($"<div class=\"alert alert-danger\" id=\"issuesync-import-errors\"><p>{E(stored.FileName)} cannot be imported; nothing was stored:</p><ul>");
            foreach (var line in check.Errors)
            {
                WriteLiteral($"<li>{E(line)}</li>");
            }

            WriteLiteral("</ul></div></div></div>");
            return;
        }

        WriteLiteral($"<p id=\"issuesync-import-summary\">{E(stored.FileName)}: {E(plan.Summary)}</p>"
            + "<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-import-preview\"><thead><tr><th>Row</th><th>Idea</th><th>Change</th><th>Votes</th><th>Voters</th><th>Title</th></tr></thead><tbody>");
        foreach (var entry in plan.Entries)
        {
            WriteLiteral(string.Create(CultureInfo.InvariantCulture, $"<tr class=\"idea idea-{entry.Change.ToString().ToLowerInvariant()}\"><td>{entry.Idea.Row}</td><td>#{entry.Number}</td><td>{entry.Change.ToString().ToLowerInvariant()}</td><td>{entry.Idea.Votes}</td><td>{entry.Idea.Voters.Count}</td>")
                + $"<td>{E(entry.Idea.Title)}</td></tr>");
        }

        WriteLiteral("</tbody></table></div>"
            + $"<form method=\"post\" id=\"issuesync-import-confirm\" action=\"{E(Url.To(ImportActions.ImportRoute))}\">{AntiforgeryField(Context, services)}"
            + $"<input type=\"hidden\" name=\"{ProductField}\" value=\"{E(product)}\"><input type=\"hidden\" name=\"{UploadField}\" value=\"{E(upload)}\">"
            + "<button type=\"submit\" class=\"btn btn-primary\">Import</button></form></div></div>");
    }
}
