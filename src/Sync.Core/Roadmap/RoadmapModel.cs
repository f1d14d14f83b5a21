using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Core.Roadmap;

/// <summary>Where an issue sits on the roadmap.</summary>
public enum RoadmapSection
{
    Now,
    Next,
    Later,
    Shipped,
}

/// <summary>One issue on a roadmap, with everything the issue text, the board and /direction show.</summary>
/// <param name="Up">Thumbs up (demand) as last counted.</param>
/// <param name="UpChange">Change of <paramref name="Up"/> over the last 7 days (0 without history).</param>
/// <param name="RiceScore">RICE score, null when not scored or needing input.</param>
/// <param name="RiceBucket">RICE bucket label value (<c>top</c>, <c>high</c>, …), null when RICE is off.</param>
/// <param name="MilestoneDue">Due date of the milestone, when it has one.</param>
/// <param name="ClosedAt">For shipped issues, when they were closed.</param>
public sealed record RoadmapItem(
    long Number,
    string Title,
    string Url,
    RoadmapSection Section,
    int Up,
    int UpChange,
    double? RiceScore,
    string? RiceBucket,
    string? Milestone,
    DateOnly? MilestoneDue,
    DateTimeOffset? ClosedAt);

/// <summary>
/// A product's roadmap as last built: items in display order within each section. Kept as a document (kind
/// <see cref="Kind"/>, key the product) so /direction serves it without asking a tracker.
/// </summary>
/// <param name="PublicProject">The public project, <c>tracker:group/project</c>.</param>
/// <param name="IssueUrl">The roadmap issue's web URL, once it exists.</param>
public sealed record ProductRoadmap(string Product, string PublicProject, string Title, string? IssueUrl, IReadOnlyList<RoadmapItem> Items)
{
    public const string Kind = "roadmap";

    /// <summary>1: built with confidential issues left out. Documents without the field (0) were not.</summary>
    public const int CurrentSchema = 1;

    /// <summary>
    /// What the roadmap was built with; <see cref="RoadmapBuilder"/> sets <see cref="CurrentSchema"/>. A stored roadmap
    /// of an older schema may list confidential issues, so <see cref="LoadAsync"/> treats it as absent until the next
    /// rebuild overwrites it.
    /// </summary>
    public int Schema { get; init; }

    public IEnumerable<RoadmapItem> In(RoadmapSection section) => Items.Where(i => i.Section == section);

    public StoredDocument ToStored(DateTimeOffset at) => new(Product, Kind, Product, JsonSerializer.Serialize(this), at);

    /// <summary>The last roadmap built, or null when there is none or it predates <see cref="CurrentSchema"/>.</summary>
    public static async Task<ProductRoadmap?> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        var roadmap = documents.Count == 0 ? null : JsonSerializer.Deserialize<ProductRoadmap>(documents[0].Body);
        return roadmap is { Schema: >= CurrentSchema } ? roadmap : null;
    }
}
