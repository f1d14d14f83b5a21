using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Worker.Dashboard;

/// <summary>One open public issue on the Demand page: its demand as last counted, its RICE entry if any, its snapshots.</summary>
internal sealed record DemandRow(IssueRef Issue, string Title, string? WebUrl, DemandDocument Demand, RiceEntry? Rice, IReadOnlyList<VoteSnapshot> Snapshots);

/// <summary>
/// What the Demand page shows of a product, read from what the steps keep: the votes step's <c>demand</c> documents (one per
/// public issue) and its signal book (which issues were open at its last pass), the RICE step's <c>rice</c> documents (title,
/// link, state, score), and the vote snapshots. No tracker request.
/// </summary>
internal static class DemandRows
{
    public const int Top = 20;
    public const int TrendDays = 90;

    /// <summary>
    /// The <see cref="Top"/> open issues of the product's public project with the most demand (weighted votes, then voters,
    /// then the lower number). Open is what the votes step last listed; before its first pass, what RICE last saw.
    /// </summary>
    public static async Task<IReadOnlyList<DemandRow>> LoadAsync(IStateStore store, ProductDefinition product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(product);
        var demand = await DemandDocument.LoadAsync(store, product.Key, cancellationToken);
        var book = await VoteSignalBook.LoadAsync(store, product.Key, cancellationToken);
        var rice = await RiceEntry.LoadAsync(store, product.Key, cancellationToken);
        var counted = book.LastFull is not null || book.Open.Count > 0;
        var open = book.Open.ToHashSet();
        var top = demand
            .Select(d => (Issue: IssueRef.TryParse(d.Key, out var issue) ? issue : null, Demand: d.Value))
            .Where(d => d.Issue is not null && d.Issue.Project == product.Public)
            .Where(d => counted ? open.Contains(d.Issue!.Number) : rice.GetValueOrDefault(d.Issue!.Number)?.State != IssueState.Closed)
            .OrderByDescending(d => d.Demand.Weighted)
            .ThenByDescending(d => d.Demand.UniqueVoters)
            .ThenBy(d => d.Issue!.Number)
            .Take(Top)
            .ToList();
        var rows = new List<DemandRow>(top.Count);
        foreach (var (issue, votes) in top)
        {
            var entry = rice.GetValueOrDefault(issue!.Number);
            var snapshots = await store.ListVoteSnapshotsAsync(product.Key, issue.ToString(), now.AddDays(-TrendDays), cancellationToken);
            rows.Add(new DemandRow(issue, entry?.Title ?? string.Empty, entry?.WebUrl, votes, entry, snapshots));
        }

        return rows;
    }
}
