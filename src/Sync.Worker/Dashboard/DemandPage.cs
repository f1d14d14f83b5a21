using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Sync.Core.Rice;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Direction;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "Demand" page: for one product (query <c>product</c>, the first one by default), the open public issues
/// with the most demand (<see cref="DemandRows"/>), each with its votes written out, a sparkline of the last 90 days of vote
/// snapshots (server-rendered SVG, no script) and its RICE breakdown, or "needs input".
/// </summary>
internal sealed class DemandPage : RazorPage
{
    public const string Route = MaintainerPage.Route + "/demand";
    public const string Title = "Demand";
    public const string ProductField = "product";

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        var products = services.GetRequiredService<ProductCatalog>().All.ToList();
        var key = Query(ProductField) is { Length: > 0 } asked ? asked : products.FirstOrDefault()?.Key;
        var product = products.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));
        if (product is null)
        {
            WriteLiteral(Error($"Unknown product '{key}' (configured: {string.Join(", ", products.Select(p => p.Key))}).") + "</div></div>");
            return;
        }

        WriteLiteral($"<form method=\"get\" class=\"form-inline\" id=\"issuesync-demand-product\" action=\"{E(Url.To(Route))}\" style=\"margin-bottom:12px\">");
        WriteLiteral(Select(ProductField, "Product", products.Select(p => (p.Key, p.Key)), product.Key, all: null));
        WriteLiteral("<button type=\"submit\" class=\"btn btn-default\">Show</button></form>");

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Hangfire renders pages synchronously; a few reads of the state store.
        var rows = DemandRows.LoadAsync(services.GetRequiredService<IStateStore>(), product, now, http.RequestAborted).GetAwaiter().GetResult();
        WriteLiteral($"<p class=\"help-block\">The {DemandRows.Top} open issues of <code>{E(product.Public.ToString())}</code> with the most demand, as the votes stage last counted them. "
            + $"The line is the number of voters over the last {DemandRows.TrendDays} days (a stored snapshot each time the count changed).</p>");
        if (rows.Count == 0)
        {
            WriteLiteral("<p id=\"issuesync-no-demand\">No counted demand yet: the votes stage has not counted this product's open issues.</p></div></div>");
            return;
        }

        WriteLiteral("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-demand\"><thead><tr><th>Issue</th><th>Votes</th>"
            + $"<th>Trend ({DemandRows.TrendDays} days)</th><th>RICE</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var name = row.Title.Length > 0 ? $"#{row.Issue.Number.ToString(CultureInfo.InvariantCulture)} {row.Title}" : row.Issue.ToString();
            var votes = string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Demand.Up} up, {row.Demand.Down} down, {row.Demand.UniqueVoters} voter{(row.Demand.UniqueVoters == 1 ? string.Empty : "s")} (weighted {row.Demand.Weighted:0.##})")
                + (row.Demand.Anonymous > 0 ? ", " + Sync.Core.Roadmap.RoadmapText.FromTheForum(row.Demand.Anonymous) : string.Empty);
            var trend = TrendSparkline.Svg(row.Snapshots, now.AddDays(-DemandRows.TrendDays), now);
            WriteLiteral(string.Create(CultureInfo.InvariantCulture, $"<tr class=\"demand\" id=\"demand-{row.Issue.Number}\">")
                + $"<td>{Link(row.WebUrl, name)}</td><td class=\"votes\">{E(votes)}</td>"
                + $"<td class=\"trend\">{(trend.Length > 0 ? trend : "<small>not enough snapshots</small>")}</td><td class=\"rice\">{Rice(row.Rice)}</td></tr>");
        }

        WriteLiteral("</tbody></table></div></div></div>");
    }

    /// <summary>The RICE breakdown as text: each factor with where it came from, the score and the bucket; or "needs input".</summary>
    private static string Rice(RiceEntry? entry)
    {
        if (entry?.Score is not { NeedsInput: false, Score: { } score } rice)
        {
            var missing = entry?.Score?.Missing is { Count: > 0 } names ? $" <small>(missing: {E(string.Join(", ", names))})</small>" : string.Empty;
            return $"<span class=\"needs-input\">needs input</span>{missing}";
        }

        string Factor(string name, RiceFactor factor, string unit = "") =>
            string.Create(CultureInfo.InvariantCulture, $"<li>{name} <strong>{factor.Value:0.##}{unit}</strong> <small>{E(factor.Source)}</small></li>");

        var bucket = entry.Bucket is { } b ? BucketName(b) : "not bucketed yet";
        return "<ul class=\"list-unstyled\" style=\"margin:0\">"
            + Factor("reach", rice.Reach) + Factor("impact", rice.Impact) + Factor("confidence", rice.Confidence, "%") + Factor("effort", rice.Effort)
            + string.Create(CultureInfo.InvariantCulture, $"<li>score <strong class=\"score\">{score:0.##}</strong>, bucket <strong class=\"bucket\">{E(bucket)}</strong></li></ul>");
    }

    private static string BucketName(RiceBucket bucket) => bucket switch
    {
        RiceBucket.NeedsInput => "needs input",
        _ => bucket.ToString().ToLowerInvariant(),
    };
}
