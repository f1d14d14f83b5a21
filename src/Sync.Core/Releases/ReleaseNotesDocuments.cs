using System.Globalization;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Releases;

/// <summary>
/// One public issue with a milestone as the releases step last listed it (document kind <see cref="Kind"/>, key the
/// number); an issue that loses its milestone leaves the book.
/// </summary>
public sealed record ReleaseIssue
{
    public const string Kind = "release-issue";

    public required long Number { get; init; }

    public required string Title { get; init; }

    public string WebUrl { get; init; } = string.Empty;

    public bool Open { get; init; }

    /// <summary>GitHub <c>state_reason</c> (<c>completed</c>, <c>not_planned</c>, <c>duplicate</c>), null on GitLab.</summary>
    public string? StateReason { get; init; }

    /// <summary>GitLab: closed as a duplicate (<c>closed_as_duplicate_of</c>) or moved to another project (<c>moved_to_id</c>).</summary>
    public bool DuplicateOrMoved { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public required string Milestone { get; init; }

    public bool Confidential { get; init; }

    /// <summary>Moved here from one of the product's private sources (a finished move in the ledger); set when drafted.</summary>
    public bool Moved { get; init; }

    /// <summary>
    /// The tracker's own 👍 count as listed (GitLab <c>upvotes</c>, GitHub <c>reactions["+1"]</c>): the demand shown for an
    /// issue the votes step never counted (closed before IssueSync ran), which has no demand document.
    /// </summary>
    public int Upvotes { get; init; }

    public static ReleaseIssue From(TrackerIssue issue, string milestone) => new()
    {
        Number = issue.Ref.Number,
        Title = issue.Title,
        WebUrl = issue.WebUrl,
        Open = issue.State == IssueState.Open,
        StateReason = issue.StateReason,
        DuplicateOrMoved = issue.DuplicateOf is not null || issue.MovedToId is not null,
        CreatedAt = issue.CreatedAt,
        ClosedAt = issue.ClosedAt,
        Labels = issue.Labels,
        Milestone = milestone,
        Confidential = issue.Confidential,
        Upvotes = issue.Upvotes,
    };

    /// <summary>
    /// Shipped: closed, not as not planned or a duplicate (GitHub <c>state_reason</c>; GitLab a duplicate mark, a move
    /// elsewhere or <paramref name="notPlannedLabel"/>), and not confidential.
    /// </summary>
    public bool IsShipped(string? notPlannedLabel) =>
        !Open && ClosedAt is not null && !Confidential && !DuplicateOrMoved
        && !string.Equals(StateReason, "not_planned", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(StateReason, "duplicate", StringComparison.OrdinalIgnoreCase)
        && (notPlannedLabel is null || !Labels.Contains(notPlannedLabel, StringComparer.OrdinalIgnoreCase));

    public static string KeyOf(long number) => number.ToString(CultureInfo.InvariantCulture);

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, KeyOf(Number), JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<long, ReleaseIssue>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        (await store.ListDocumentsAsync(product, Kind, cancellationToken))
            .Select(d => JsonSerializer.Deserialize<ReleaseIssue>(d.Body) ?? throw new InvalidDataException($"Release issue document '{d.Key}' of '{product}' is empty."))
            .ToDictionary(i => i.Number);
}

/// <summary>
/// The release notes of one milestone (document kind <see cref="Kind"/>, key the milestone id): the issue they are
/// written to, the body as last written, and the draft the page and the feed show.
/// </summary>
/// <param name="FirstWrittenAt">When the notes issue was first written (the feed entry's time); null until then.</param>
public sealed record ReleaseNotesState(long MilestoneId, long? Number, string? WebUrl, string? Body, ReleaseNotesDraft? Draft, DateTimeOffset? FirstWrittenAt)
{
    public const string Kind = "release-notes";

    /// <summary>The public project's web page (no trailing slash): the only place the notes' links may lead.</summary>
    public string? ProjectUrl { get; init; }

    /// <summary>Whether <paramref name="url"/> is an http(s) page of the public project (<see cref="ProjectUrl"/>).</summary>
    public bool IsProjectLink(string? url) =>
        ProjectUrl is { Length: > 0 } root && ReleaseNotesText.IsWebLink(url) && url!.StartsWith(root + "/", StringComparison.Ordinal);

    public static string KeyOf(long milestoneId) => milestoneId.ToString(CultureInfo.InvariantCulture);

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, KeyOf(MilestoneId), JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<long, ReleaseNotesState>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        (await store.ListDocumentsAsync(product, Kind, cancellationToken))
            .Select(d => JsonSerializer.Deserialize<ReleaseNotesState>(d.Body) ?? throw new InvalidDataException($"Release notes document '{d.Key}' of '{product}' is empty."))
            .ToDictionary(s => s.MilestoneId);
}

/// <summary>
/// The titles of the milestones already closed when the product first ran with release notes on (document kind
/// <see cref="Kind"/>, key the product): with <see cref="ReleaseNotesRules.OnlyNewlyClosed"/> these are drafted only on request.
/// </summary>
public sealed record ReleaseNotesBaseline(IReadOnlyList<string> ClosedBefore, DateTimeOffset At)
{
    public const string Kind = "release-baseline";

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, product, JsonSerializer.Serialize(this), at);

    public static async Task<ReleaseNotesBaseline?> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents.Count == 0 ? null : JsonSerializer.Deserialize<ReleaseNotesBaseline>(documents[0].Body);
    }
}

/// <summary>
/// A maintainer's request for a milestone's notes (document kind <see cref="Kind"/>, key the milestone as asked: its
/// title or id), from the dashboard; the next releases pass drafts it and removes the request.
/// </summary>
public sealed record ReleaseNotesRequest(string Milestone, string? By, DateTimeOffset At)
{
    public const string Kind = "release-request";

    public StoredDocument ToStored(string product) => new(product, Kind, Milestone, JsonSerializer.Serialize(this), At);

    public static async Task<IReadOnlyList<ReleaseNotesRequest>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        [.. (await store.ListDocumentsAsync(product, Kind, cancellationToken))
            .Select(d => JsonSerializer.Deserialize<ReleaseNotesRequest>(d.Body) ?? new ReleaseNotesRequest(d.Key, null, d.UpdatedAt))];
}
