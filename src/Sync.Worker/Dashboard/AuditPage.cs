using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "Audit" page: every write IssueSync made to a tracker (and every redaction, naming its rule), newest
/// first, paged by entry id ("Older entries" links to the entries before the last one shown), filtered by product and action.
/// Details are shown as stored, HTML-encoded, with any configured secret masked (<see cref="ConfiguredSecrets"/>).
/// </summary>
internal sealed class AuditPage : RazorPage
{
    public const string Route = MaintainerPage.Route + "/audit";
    public const string Title = "Audit log";
    public const int PageSize = 50;

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        var products = services.GetRequiredService<ProductCatalog>().All.Select(p => p.Key).ToList();
        if (!AuditQueryInput.TryRead(Query, products, PageSize, out var query, out var error))
        {
            WriteLiteral(Error(error) + "</div></div>");
            return;
        }

        WriteFilters(products, query);
        var secrets = ActivatorUtilities.GetServiceOrCreateInstance<ConfiguredSecrets>(services);
        // Hangfire renders pages synchronously; one keyset read of the store.
        var entries = services.GetRequiredService<IAuditLog>().QueryAuditAsync(query with { Limit = query.Limit + 1 }, http.RequestAborted).GetAwaiter().GetResult();
        if (entries.Count == 0)
        {
            WriteLiteral("<p id=\"issuesync-no-audit\">No entries match.</p></div></div>");
            return;
        }

        WriteLiteral("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-audit\"><thead><tr><th>Id</th><th>When</th><th>Product</th>"
            + "<th>Action</th><th>Target</th><th>Detail</th><th>Dry run</th></tr></thead><tbody>");
        foreach (var entry in entries.Take(query.Limit))
        {
            WriteLiteral(string.Create(CultureInfo.InvariantCulture, $"<tr class=\"audit audit-{E(entry.Action)}\" id=\"audit-{entry.Id}\"><td>{entry.Id}</td>")
                + $"<td>{Time(entry.At)}</td><td>{E(entry.Product)}</td><td class=\"action\">{E(entry.Action)}</td><td><code>{E(secrets.Mask(entry.Target))}</code></td>"
                + $"<td class=\"detail\"><pre style=\"white-space:pre-wrap;margin:0\">{E(secrets.Mask(entry.Detail))}</pre></td><td>{(entry.DryRun ? "yes" : "no")}</td></tr>");
        }

        WriteLiteral("</tbody></table></div>");
        if (entries.Count > query.Limit)
        {
            var older = new List<string>();
            if (query.Product is not null)
            {
                older.Add($"{AuditQueryInput.ProductField}={Uri.EscapeDataString(query.Product)}");
            }

            if (query.Action is not null)
            {
                older.Add($"{AuditQueryInput.ActionField}={Uri.EscapeDataString(query.Action)}");
            }

            older.Add(string.Create(CultureInfo.InvariantCulture, $"{AuditQueryInput.BeforeField}={entries[query.Limit - 1].Id}"));
            WriteLiteral($"<p><a id=\"issuesync-audit-older\" href=\"{E(Url.To(Route) + "?" + string.Join("&", older))}\">Older entries</a></p>");
        }

        WriteLiteral("<p class=\"help-block\">For scripts: <code>GET /audit.json</code> with the same credentials and filters "
            + "(<code>product</code>, <code>action</code>, <code>limit</code> 1-500, <code>before</code> an id).</p></div></div>");
    }

    private void WriteFilters(IReadOnlyList<string> products, AuditQuery query)
    {
        WriteLiteral($"<form method=\"get\" class=\"form-inline\" id=\"issuesync-audit-filter\" action=\"{E(Url.To(Route))}\" style=\"margin-bottom:12px\">");
        WriteLiteral(Select(AuditQueryInput.ProductField, "Product", products.Select(p => (p, p)), query.Product, "every product"));
        WriteLiteral(Select(AuditQueryInput.ActionField, "Action", AuditActions.All.Select(a => (a, a)), query.Action, "every action"));
        WriteLiteral("<button type=\"submit\" class=\"btn btn-default\">Filter</button></form>");
    }
}
