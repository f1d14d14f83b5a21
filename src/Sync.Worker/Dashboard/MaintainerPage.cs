using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Sync.Core.Products;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "IssueSync" page: each product with its resync buttons, and a form to resync one issue. Plain
/// HTML forms post to <see cref="MaintainerActions"/>, which redirect back here with the outcome in the query.
/// </summary>
public sealed class MaintainerPage : RazorPage
{
    public const string Route = "/issuesync";
    public const string Title = "IssueSync";
    public const string EnqueuedQuery = "enqueued";
    public const string InvalidQuery = "invalid";

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var services = Context.GetHttpContext().RequestServices;
        var products = services.GetRequiredService<ProductCatalog>().All;
        var invalid = Query(InvalidQuery);

        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        WriteOutcome(products, services, invalid);

        WriteLiteral("<h3>Products</h3><div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-products\"><thead><tr>"
            + "<th>Product</th><th>Public project</th><th>Sources</th><th>Actions</th></tr></thead><tbody>");
        foreach (var product in products)
        {
            WriteLiteral($"<tr id=\"product-{E(product.Key)}\"><td><strong>{E(product.Key)}</strong></td><td><code>{E(product.Public.ToString())}</code></td><td>");
            WriteLiteral(string.Join("<br>", product.Sources.Select(s => $"<code>{E(s.Project.ToString())}</code>")));
            WriteLiteral("</td><td>");
            WriteButton(services, MaintainerActions.ProductPath(product.Key, Sync.Core.Pipeline.PipelineStages.All), "Full resync", "btn-primary");
            if (product.Roadmap is not null)
            {
                WriteButton(services, MaintainerActions.ProductPath(product.Key, Sync.Core.Pipeline.PipelineStages.Roadmap), "Rebuild roadmap", "btn-default");
            }

            WriteLiteral("</td></tr>");
        }

        WriteLiteral("</tbody></table></div>");

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

        if (Query(EnqueuedQuery) is { Length: > 0 } jobId && Storage.GetMonitoringApi().JobDetails(jobId) is { Job: not null } job)
        {
            WriteLiteral($"<div class=\"alert alert-success\" id=\"issuesync-enqueued\">Enqueued <a href=\"{E(Url.JobDetails(jobId))}\">#{E(jobId)}</a>: {E(Html.JobName(job.Job))}</div>");
        }
    }

    private void WriteButton(IServiceProvider services, string route, string text, string style)
    {
        WriteLiteral($"<form method=\"post\" style=\"display:inline-block;margin-right:6px\" action=\"{E(Url.To(route))}\">");
        WriteAntiforgeryField(services);
        WriteLiteral($"<button type=\"submit\" class=\"btn btn-sm {style}\">{E(text)}</button></form>");
    }

    /// <summary>Hangfire checks antiforgery tokens whenever the host registers antiforgery; the forms then carry one.</summary>
    private void WriteAntiforgeryField(IServiceProvider services)
    {
        if (Context.AntiforgeryToken is { } token && services.GetService<IOptions<AntiforgeryOptions>>()?.Value.FormFieldName is { } field)
        {
            WriteLiteral($"<input type=\"hidden\" name=\"{E(field)}\" value=\"{E(token)}\">");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
