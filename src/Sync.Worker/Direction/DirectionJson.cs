using System.Text.Json;
using Sync.Core.Roadmap;

namespace Sync.Worker.Direction;

/// <summary>The body of <c>/direction.json</c>: the same content as the page, for scripts and other sites.</summary>
internal static class DirectionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Render(IReadOnlyList<ProductDirection> products) =>
        JsonSerializer.SerializeToUtf8Bytes(new DirectionDocument([.. products.Select(ToJson)]), Options);

    private static ProductJson ToJson(ProductDirection product)
    {
        var roadmap = product.Roadmap;
        return new ProductJson(
            product.Product,
            product.PublicProject,
            roadmap?.Title,
            ProductDirection.SafeUrl(roadmap?.IssueUrl),
            roadmap is not null,
            Items(roadmap, RoadmapSection.Now),
            Items(roadmap, RoadmapSection.Next),
            Items(roadmap, RoadmapSection.Later),
            Items(roadmap, RoadmapSection.Shipped),
            Items(roadmap, RoadmapSection.NeedsInput),
            roadmap?.NeedsInputMore ?? 0,
            DirectionPage.FeedHref(product.Product));
    }

    private static ItemJson[] Items(ProductRoadmap? roadmap, RoadmapSection section) =>
        roadmap is null
            ? []
            : [.. roadmap.In(section).Select(i => new ItemJson(
                i.Number,
                i.Title,
                ProductDirection.SafeUrl(i.Url),
                i.Up,
                i.UpChange,
                i.RiceScore,
                i.RiceBucket,
                i.Milestone,
                i.MilestoneDue,
                i.ClosedAt,
                i.EnteredNowAt,
                i.ForumVotes))];

    private sealed record DirectionDocument(IReadOnlyList<ProductJson> Products);

    /// <param name="NeedsInput">Open requests that lack RICE inputs, most votes first (at most 50).</param>
    /// <param name="NeedsInputMore">How many more need input than <paramref name="NeedsInput"/> lists.</param>
    /// <param name="Feed">The product's Atom feed, relative to <c>/direction.json</c>.</param>
    private sealed record ProductJson(
        string Product,
        string PublicProject,
        string? Title,
        string? IssueUrl,
        bool Built,
        IReadOnlyList<ItemJson> Now,
        IReadOnlyList<ItemJson> Next,
        IReadOnlyList<ItemJson> Later,
        IReadOnlyList<ItemJson> Shipped,
        IReadOnlyList<ItemJson> NeedsInput,
        int NeedsInputMore,
        string Feed);

    /// <param name="MilestoneDue">Serialised as <c>yyyy-MM-dd</c> (System.Text.Json's DateOnly format).</param>
    /// <param name="EnteredNowAt">For Now items, when the issue entered Now; null elsewhere.</param>
    /// <param name="ForumVotes">Votes a forum the issue came from knows only as a number, apart from <paramref name="Up"/>.</param>
    private sealed record ItemJson(
        long Number,
        string Title,
        string? Url,
        int Up,
        int UpChange,
        double? RiceScore,
        string? RiceBucket,
        string? Milestone,
        DateOnly? MilestoneDue,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? EnteredNowAt,
        int ForumVotes);
}
