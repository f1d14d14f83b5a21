using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.AspNetCore.WebUtilities;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The dashboard's "Moves" page: every move in the ledger, newest change first, a page at a time, filtered by product and
/// standing (query <c>product</c>, <c>state</c>; the next page by <c>after</c>), with a Retry button on failed and parked
/// moves (<see cref="MoveActions"/>).
/// </summary>
internal sealed class MovesPage : RazorPage
{
    public const string Route = MaintainerPage.Route + "/moves";
    public const string Title = "Moves";
    public const string ProductField = "product";
    public const string StateField = "state";
    public const string AfterField = "after";
    public const int PageSize = 50;

    public override void Execute()
    {
        Layout = new LayoutPage(Title);
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        WriteLiteral($"<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">{E(Title)}</h1>");
        WriteLiteral(MoveActions.Outcome(this));
        var products = services.GetRequiredService<ProductCatalog>().All.Select(p => p.Key).ToList();
        if (!TryReadQuery(products, out var query, out var error))
        {
            WriteLiteral(Error(error) + "</div></div>");
            return;
        }

        WriteFilters(products, query);
        var store = services.GetRequiredService<IMoveLedger>();
        // Hangfire renders pages synchronously; one small indexed read of the store.
        var moves = store.QueryMovesAsync(query with { Limit = PageSize + 1 }, http.RequestAborted).GetAwaiter().GetResult();
        if (moves.Count == 0)
        {
            WriteLiteral("<p id=\"issuesync-no-moves\">No moves match.</p>");
        }
        else
        {
            WriteTable(services, query, moves);
        }

        // Below the moves: the voting lifecycle's open candidates (empty when no product has one).
        WriteLiteral(LifecycleTable.RenderAsync(services.GetRequiredService<ProductCatalog>().All, services.GetRequiredService<IDocumentStore>(), http.RequestAborted).GetAwaiter().GetResult());
        WriteLiteral("</div></div>");
    }

    private void WriteTable(IServiceProvider services, MoveQuery query, IReadOnlyList<MoveRecord> moves)
    {
        WriteLiteral("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-moves\"><thead><tr><th>Product</th><th>Source issue</th>"
            + "<th>Public issue</th><th>State</th><th>Attempts</th><th>Started</th><th>Last change</th><th></th></tr></thead><tbody>");
        foreach (var move in moves.Take(PageSize))
        {
            WriteRow(services, move);
        }

        WriteLiteral("</tbody></table></div>");
        if (moves.Count > PageSize)
        {
            var last = moves[PageSize - 1];
            WriteLiteral($"<p><a id=\"issuesync-moves-older\" href=\"{E(Url.To(Route) + PageQuery(query.Product, query.Status, new MoveCursor(last.UpdatedAt, last.Product, last.SourceIssue)))}\">Older moves</a></p>");
        }
    }

    /// <summary>The query of a page of moves (the filters, and where the previous page ended).</summary>
    public static string PageQuery(string? product, MoveStatus? status, MoveCursor? after)
    {
        var parts = new List<string>();
        if (product is not null)
        {
            parts.Add($"{ProductField}={Uri.EscapeDataString(product)}");
        }

        if (status is { } s)
        {
            parts.Add($"{StateField}={MoveWording.Slug(s)}");
        }

        if (after is not null)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{after.UpdatedAt.UtcTicks}\n{after.Product}\n{after.SourceIssue}");
            parts.Add($"{AfterField}={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(text))}");
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private bool TryReadQuery(IReadOnlyList<string> products, out MoveQuery query, out string error)
    {
        query = new MoveQuery(null, null, PageSize);
        error = string.Empty;
        var product = Query(ProductField);
        if (product is { Length: > 0 } && !products.Contains(product, StringComparer.Ordinal))
        {
            error = $"Unknown product '{product}' (configured: {string.Join(", ", products)}).";
            return false;
        }

        var state = Query(StateField);
        MoveStatus? status = null;
        if (state is { Length: > 0 })
        {
            if (!MoveWording.TryParse(state, out var parsed))
            {
                error = $"Unknown state '{state}' (one of: {string.Join(", ", MoveWording.Statuses.Select(s => s.Slug))}).";
                return false;
            }

            status = parsed;
        }

        MoveCursor? after = null;
        if (Query(AfterField) is { Length: > 0 } cursor && !TryReadCursor(cursor, out after))
        {
            error = "The 'after' value is not a position in the move list; start again from the first page.";
            return false;
        }

        query = new MoveQuery(product is { Length: > 0 } ? product : null, status, PageSize, after);
        return true;
    }

    private static bool TryReadCursor(string text, out MoveCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('\n');
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                cursor = new MoveCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1], parts[2]);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64url: answered like any other bad value.
        }

        return false;
    }

    private void WriteFilters(IReadOnlyList<string> products, MoveQuery query)
    {
        WriteLiteral($"<form method=\"get\" class=\"form-inline\" id=\"issuesync-moves-filter\" action=\"{E(Url.To(Route))}\" style=\"margin-bottom:12px\">");
        WriteLiteral(Select(ProductField, "Product", products.Select(p => (p, p)), query.Product, "every product"));
        WriteLiteral(Select(StateField, "State", MoveWording.Statuses.Select(s => (s.Slug, s.Label)), query.Status is { } s ? MoveWording.Slug(s) : null, "every state"));
        WriteLiteral("<button type=\"submit\" class=\"btn btn-default\">Filter</button></form>");
    }

    private void WriteRow(IServiceProvider services, MoveRecord move)
    {
        var status = MoveWording.Slug(move.Status);
        var target = move.TargetIssue is null && move.TargetUrl is null
            ? "<em>not created yet</em>"
            : Link(move.TargetUrl, move.TargetIssue ?? move.TargetUrl ?? string.Empty);
        WriteLiteral($"<tr class=\"move move-{status}\" data-product=\"{E(move.Product)}\" data-source=\"{E(move.SourceIssue)}\"><td>{E(move.Product)}</td>"
            + $"<td><code>{E(move.SourceIssue)}</code></td><td class=\"target\" style=\"white-space:nowrap\">&rarr; {target}</td><td class=\"state\">{E(MoveWording.Describe(move))}</td>"
            + string.Create(CultureInfo.InvariantCulture, $"<td class=\"attempts\">{move.Attempts}</td>")
            + $"<td style=\"white-space:nowrap\">{Time(move.CreatedAt)}</td><td style=\"white-space:nowrap\">{Time(move.UpdatedAt)}</td><td>");
        if (move.Status is MoveStatus.Failed or MoveStatus.Parked)
        {
            WriteLiteral($"<form method=\"post\" class=\"retry\" action=\"{E(Url.To(MoveActions.RetryRoute))}\">{AntiforgeryField(Context, services)}"
                + $"<input type=\"hidden\" name=\"{MoveActions.ProductField}\" value=\"{E(move.Product)}\">"
                + $"<input type=\"hidden\" name=\"{MoveActions.SourceField}\" value=\"{E(move.SourceIssue)}\">"
                + "<button type=\"submit\" class=\"btn btn-sm btn-primary\">Retry</button></form>");
        }

        WriteLiteral("</td></tr>");
    }
}
