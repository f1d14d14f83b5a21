using Sync.Core.Products;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;

namespace Sync.Worker.Direction;

/// <summary>One configured product as /direction shows it: its roadmap, or null when none has been built yet.</summary>
/// <param name="PublicProject">The public project, <c>tracker:group/project</c>.</param>
internal sealed record ProductDirection(string Product, string PublicProject, ProductRoadmap? Roadmap)
{
    /// <summary>Days of vote snapshots a trend plot shows.</summary>
    public const int TrendDays = 90;

    /// <summary>
    /// Trend plot (<see cref="TrendSparkline.Svg"/>) per issue number, for the items that show a vote count; empty when
    /// not loaded (<c>/direction.json</c>) or when an issue has fewer than two snapshots in the window.
    /// </summary>
    public IReadOnlyDictionary<long, string> Trends { get; init; } = new Dictionary<long, string>();

    /// <summary>The product's written release notes, newest first (<see cref="ReleaseNotesPage.LoadAsync"/>).</summary>
    public IReadOnlyList<Sync.Core.Releases.ReleaseNotesState> Releases { get; init; } = [];

    /// <summary>Every configured product in catalogue order, each with its last built roadmap (no trends).</summary>
    public static Task<IReadOnlyList<ProductDirection>> LoadAllAsync(ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
        LoadAllAsync(catalog, store, null, default, cancellationToken);

    /// <summary>
    /// Every configured product in catalogue order, each with its last built roadmap and, when <paramref name="history"/>
    /// is given, the trend plot of each item that shows a vote count: two snapshot queries per such item (at most the
    /// roadmap's Now, Next and Later sizes plus <see cref="RoadmapBuilder.NeedsInputCap"/>), never one per project issue.
    /// </summary>
    public static async Task<IReadOnlyList<ProductDirection>> LoadAllAsync(
        ProductCatalog catalog, IDocumentStore store, IVoteHistory? history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var products = new List<ProductDirection>();
        foreach (var product in catalog.All)
        {
            products.Add(await LoadAsync(product, store, history, now, cancellationToken));
        }

        return products;
    }

    /// <summary>One product's roadmap (and, with <paramref name="history"/>, its trend plots).</summary>
    public static async Task<ProductDirection> LoadAsync(
        ProductDefinition product, IDocumentStore store, IVoteHistory? history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        var roadmap = await ProductRoadmap.LoadAsync(store, product.Key, cancellationToken);
        var direction = new ProductDirection(product.Key, product.Public.ToString(), roadmap)
        {
            Releases = await ReleaseNotesPage.LoadAsync(store, product.Key, cancellationToken),
        };
        if (history is null || roadmap is null)
        {
            return direction;
        }

        var (from, to) = TrendWindow(now);
        var trends = new Dictionary<long, string>();
        foreach (var item in roadmap.Items.Where(ShowsVotes))
        {
            if (trends.ContainsKey(item.Number))
            {
                continue;
            }

            var issue = new IssueRef(product.Public, item.Number).ToString();
            var svg = TrendSparkline.Svg(await TrendAsync(history, product.Key, issue, from, to, cancellationToken), from, to);
            if (svg.Length > 0)
            {
                trends[item.Number] = svg;
            }
        }

        return direction with { Trends = trends };
    }

    /// <summary>
    /// The snapshots in the window, with the count as it stood when the window opened and as it stands at the end of
    /// today (the dashboard's Demand page draws the same): a snapshot is only stored when the count changes, so the last
    /// one before the window and the latest one still hold then, and a quiet issue still has a line. None when the
    /// points span less than a day. Two queries.
    /// </summary>
    private static async Task<IReadOnlyList<VoteSnapshot>> TrendAsync(
        IVoteHistory history, string product, string issue, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var inWindow = await history.ListVoteSnapshotsAsync(product, issue, from, cancellationToken);
        var before = await history.GetVoteSnapshotAtAsync(product, issue, from, cancellationToken);
        List<VoteSnapshot> points = before is null || inWindow.Any(s => s.TakenAt == from) ? [.. inWindow] : [before with { TakenAt = from }, .. inWindow];

        // The last instant of today, so the point is dated today (the window's end is tomorrow's midnight).
        var today = to.AddTicks(-1);
        if (points.Count > 0 && points[^1].TakenAt < today)
        {
            points.Add(points[^1] with { TakenAt = today });
        }

        // Less than a day of history (an issue first counted today) is a dot at the right edge, not a trend.
        return points.Count > 0 && points[^1].TakenAt - points[0].TakenAt >= TimeSpan.FromDays(1) ? points : [];
    }

    /// <summary>Whether the page shows the item's vote count (and so its trend): every section but Recently shipped.</summary>
    public static bool ShowsVotes(RoadmapItem item) => item.Section != RoadmapSection.Shipped;

    /// <summary>
    /// The <see cref="TrendDays"/> days up to the end of the current UTC day: the window moves once a day rather than
    /// with every request, so the page (and its ETag) stays the same between two vote counts.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) TrendWindow(DateTimeOffset now)
    {
        var to = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return (to.AddDays(-TrendDays), to);
    }

    /// <summary>
    /// The URL when it is an absolute http(s) URL, otherwise null: the page is public and its links come from
    /// tracker data, so nothing else (javascript:, data:, relative paths) may become a link.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
}
