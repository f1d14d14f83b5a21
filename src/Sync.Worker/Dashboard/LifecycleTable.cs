using System.Globalization;
using System.Text;
using Sync.Core.Lifecycle;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The Moves page's "Voting lifecycle" table: per product with a lifecycle, the feature requests that are voting or that
/// IssueSync closed as not planned (still counted: late votes reopen them), with their votes and window end. What the
/// lifecycle wrote is on the Audit page like every other write.
/// </summary>
internal static class LifecycleTable
{
    public static async Task<string> RenderAsync(IEnumerable<ProductDefinition> products, IDocumentStore documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(documents);
        var withLifecycle = products.Where(p => p.Lifecycle is not null).ToList();
        if (withLifecycle.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h3>Voting lifecycle</h3>");
        html.Append("<p class=\"help-block\">Feature requests collecting votes, and those closed as not planned for lack of them (late votes still reopen them).</p>");
        html.Append("<div class=\"table-responsive\"><table class=\"table\" id=\"issuesync-lifecycle\"><thead><tr>"
            + "<th>Product</th><th>Issue</th><th>Title</th><th>Phase</th><th>Votes</th><th>Window ends</th></tr></thead><tbody>");
        var rows = 0;
        foreach (var product in withLifecycle)
        {
            var rules = product.Lifecycle!;
            var entries = await LifecycleEntry.LoadAsync(documents, product.Key, cancellationToken);
            var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);
            foreach (var entry in entries.Values.Where(e => e.IsActive).OrderBy(e => e.Number))
            {
                var issue = new IssueRef(product.Public, entry.Number);
                var votes = LifecycleVotes.Of(demand.GetValueOrDefault(issue.ToString()), entry.VotingEndsAt).Total;
                var phase = entry.Phase == LifecyclePhase.Voting ? "voting" : "closed as not planned";
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"lifecycle lifecycle-{(entry.Phase == LifecyclePhase.Voting ? "voting" : "closed")}\"><td>{E(product.Key)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Link(entry.Issue.WebUrl, issue.ToString())}</td><td class=\"title\">{E(entry.Issue.Title)}</td><td class=\"phase\">{phase}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"votes\">{votes}/{rules.VotesNeeded}</td><td>{entry.VotingEndsAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</td></tr>");
                rows++;
            }
        }

        if (rows == 0)
        {
            html.Append("<tr id=\"issuesync-no-lifecycle\"><td colspan=\"6\">None: no feature request is voting or closed for lack of votes.</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }
}
