using System.Globalization;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Roadmap;

/// <summary>One public issue as the roadmap step last listed it (document kind <see cref="Kind"/>, key the number).</summary>
public sealed record RoadmapIssue
{
    public const string Kind = "roadmap-issue";

    public required long Number { get; init; }

    public required string Title { get; init; }

    public string WebUrl { get; init; } = string.Empty;

    public bool Open { get; init; }

    /// <summary>Closed as completed: GitHub <c>state_reason</c> completed (or none, as older issues have); GitLab closed, not as a duplicate and not moved.</summary>
    public bool Completed { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? Milestone { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>
    /// GitLab <c>confidential</c>: only project members may see the issue, so it is kept off everything the roadmap
    /// makes public. Entries written before this was recorded read as false; <see cref="RoadmapBookStamp"/> makes the
    /// step replace them from a full listing instead of trusting them.
    /// </summary>
    public bool Confidential { get; init; }

    public static RoadmapIssue From(TrackerIssue issue) => new()
    {
        Number = issue.Ref.Number,
        Title = issue.Title,
        WebUrl = issue.WebUrl,
        Open = issue.State == IssueState.Open,
        Completed = issue.State == IssueState.Closed && issue.DuplicateOf is null && issue.MovedToId is null
            && (issue.StateReason is null || string.Equals(issue.StateReason, "completed", StringComparison.OrdinalIgnoreCase)),
        ClosedAt = issue.ClosedAt,
        Milestone = issue.Milestone,
        Labels = issue.Labels,
        Confidential = issue.Confidential,
    };

    public StoredDocument ToStored(string product, DateTimeOffset at) =>
        new(product, Kind, Number.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<long, RoadmapIssue>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        (await store.ListDocumentsAsync(product, Kind, cancellationToken))
            .Select(d => JsonSerializer.Deserialize<RoadmapIssue>(d.Body) ?? throw new InvalidDataException($"Roadmap document '{d.Key}' of '{product}' is empty."))
            .ToDictionary(i => i.Number);
}

/// <summary>
/// How a product's book of <see cref="RoadmapIssue"/> entries was kept (document kind <see cref="Kind"/>, key the
/// product): the schema of its entries and when the public project was last listed in full. A book without a stamp or
/// with an older schema was kept by a version that did not record everything the roadmap now checks, so the step lists
/// the project in full and rebuilds the book rather than trust its entries.
/// </summary>
/// <param name="Schema">1: entries carry <see cref="RoadmapIssue.Confidential"/>.</param>
/// <param name="FullListedAt">When the public project was last listed in full (our clock).</param>
public sealed record RoadmapBookStamp(int Schema, DateTimeOffset FullListedAt)
{
    public const string Kind = "roadmap-book";

    public const int CurrentSchema = 1;

    /// <summary>
    /// The stamp while the book it describes can be kept up incrementally; null when the book must be rebuilt from a
    /// full listing: no stamp, an older schema, or the last full listing is <paramref name="fullListEvery"/> old.
    /// </summary>
    public static RoadmapBookStamp? Trusted(RoadmapBookStamp? stamp, DateTimeOffset now, TimeSpan fullListEvery) =>
        stamp is not null && stamp.Schema >= CurrentSchema && now - stamp.FullListedAt < fullListEvery ? stamp : null;

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, product, JsonSerializer.Serialize(this), at);

    public static async Task<RoadmapBookStamp?> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents.Count == 0 ? null : JsonSerializer.Deserialize<RoadmapBookStamp>(documents[0].Body);
    }
}

/// <summary>The roadmap issue of a product and its body as IssueSync last wrote it (document kind <see cref="Kind"/>).</summary>
/// <param name="Milestones">
/// The public project's milestones as last read: a pass whose listing shows no change to an issue's milestone or state
/// builds from these instead of reading them again (they are read again on every full listing and on a rebuild request).
/// </param>
public sealed record RoadmapIssueState(long? Number, string? WebUrl, string? Body, bool LabelsEnsured, IReadOnlyList<TrackerMilestone>? Milestones = null)
{
    public const string Kind = "roadmap-state";

    /// <summary>Kind of the document a maintainer's "Rebuild roadmap" (or full resync) leaves for the next roadmap pass.</summary>
    public const string RebuildRequestKind = "roadmap-rebuild-request";

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, product, JsonSerializer.Serialize(this), at);

    public static async Task<RoadmapIssueState> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents.Count == 0
            ? new RoadmapIssueState(null, null, null, false)
            : JsonSerializer.Deserialize<RoadmapIssueState>(documents[0].Body) ?? new RoadmapIssueState(null, null, null, false);
    }
}
