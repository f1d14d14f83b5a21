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
            .OrderByDescending(d => d.Demand.Weighted + d.Demand.Anonymous)
            .ThenByDescending(d => d.Demand.UniqueVoters)
            .ThenBy(d => d.Issue!.Number)
            .Take(Top)
            .ToList();
        var rows = new List<DemandRow>(top.Count);
        foreach (var (issue, votes) in top)
        {
            var entry = rice.GetValueOrDefault(issue!.Number);
            rows.Add(new DemandRow(issue, entry?.Title ?? string.Empty, entry?.WebUrl, votes, entry, await TrendAsync(store, product.Key, issue.ToString(), now, cancellationToken)));
        }

        return rows;
    }

    /// <summary>
    /// The snapshots of the trend window, with the count as it stood when the window opened and as it stands now: a snapshot
    /// is only stored when the count changes, so the last one before the window and the latest one still hold at those times.
    /// </summary>
    private static async Task<IReadOnlyList<VoteSnapshot>> TrendAsync(IStateStore store, string product, string issue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now.AddDays(-TrendDays);
        var inWindow = await store.ListVoteSnapshotsAsync(product, issue, from, cancellationToken);
        var before = await store.GetVoteSnapshotAtAsync(product, issue, from, cancellationToken);
        List<VoteSnapshot> points = before is null || inWindow.Any(s => s.TakenAt == from) ? [.. inWindow] : [before with { TakenAt = from }, .. inWindow];
        if (points.Count > 0 && points[^1].TakenAt < now)
        {
            points.Add(points[^1] with { TakenAt = now });
        }

        return points;
    }
}
