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

    /// <summary>
    /// Open requests that are on none of Now, Next or Later because they lack RICE inputs (impact or effort, or not
    /// scored yet), by demand. Listed so a voter always finds the issue they voted for; never labelled or put on a board.
    /// </summary>
    NeedsInput,
}

/// <summary>One issue on a roadmap, with everything the issue text, the board and /direction show.</summary>
/// <param name="Up">Thumbs up (demand) as last counted.</param>
/// <param name="UpChange">Change of <paramref name="Up"/> over the last 7 days (0 without history).</param>
/// <param name="RiceScore">RICE score, null when not scored or needing input.</param>
/// <param name="RiceBucket">RICE bucket label value (<c>top</c>, <c>high</c>, …), null when RICE is off.</param>
/// <param name="MilestoneDue">Due date of the milestone, when it has one.</param>
/// <param name="ClosedAt">For shipped issues, when they were closed.</param>
/// <param name="EnteredNowAt">
/// For Now items, when the roadmap step first saw the issue in Now (carried across passes while it stays there; the
/// Atom feed's "entered Now" time). Null elsewhere.
/// </param>
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
    DateTimeOffset? ClosedAt,
    DateTimeOffset? EnteredNowAt = null)
{
    /// <summary>Votes a forum the issue came from knows only as a number ("+42 from the forum"); 0 otherwise.</summary>
    public int ForumVotes { get; init; }

    /// <summary>Now, Next or Later: the sections that get a board label and a place on a board.</summary>
    public bool IsPlanned => Section is RoadmapSection.Now or RoadmapSection.Next or RoadmapSection.Later;
}

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

    /// <summary>
    /// How many more issues need input than <see cref="RoadmapSection.NeedsInput"/> lists (the builder keeps the first
    /// <see cref="RoadmapBuilder.NeedsInputCap"/>, by demand). 0 in documents written before the section existed.
    /// </summary>
    public int NeedsInputMore { get; init; }

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
