using System.Globalization;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Rice;

/// <summary>
/// What the RICE step keeps about one public issue between passes (document kind <see cref="Kind"/>, key the issue
/// number): the issue as last listed, the score and bucket last computed, and IssueSync's comment as last written,
/// so a pass with nothing changed needs no tracker request to know there is nothing to do.
/// </summary>
public sealed record RiceEntry
{
    public const string Kind = "rice";

    public required long Number { get; init; }

    public required string Title { get; init; }

    public string WebUrl { get; init; } = string.Empty;

    public IssueState State { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public int? Weight { get; init; }

    public string? Milestone { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? StateReason { get; init; }

    public int CommentCount { get; init; }

    /// <summary>IssueSync's comment, once known.</summary>
    public long? CommentId { get; init; }

    /// <summary>The comment's body as IssueSync last wrote or read it.</summary>
    public string? CommentBody { get; init; }

    public RiceScore? Score { get; init; }

    public RiceBucket? Bucket { get; init; }

    /// <summary>When a pass first found the issue needing input (no score); null while it has a score.</summary>
    public DateTimeOffset? NeedsInputSince { get; init; }

    /// <summary>The issue's facts from a fresh listing, keeping what IssueSync knows about its own comment and score.</summary>
    public static RiceEntry From(TrackerIssue issue, RiceEntry? known) => new()
    {
        Number = issue.Ref.Number,
        Title = issue.Title,
        WebUrl = issue.WebUrl,
        State = issue.State,
        Labels = issue.Labels,
        Weight = issue.Weight,
        Milestone = issue.Milestone,
        ClosedAt = issue.ClosedAt,
        StateReason = issue.StateReason,
        CommentCount = issue.CommentCount,
        CommentId = known?.CommentId,
        CommentBody = known?.CommentBody,
        Score = known?.Score,
        Bucket = known?.Bucket,
        NeedsInputSince = known?.NeedsInputSince,
    };

    public static string KeyOf(long number) => number.ToString(CultureInfo.InvariantCulture);

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, KeyOf(Number), JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<long, RiceEntry>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents
            .Select(d => JsonSerializer.Deserialize<RiceEntry>(d.Body) ?? throw new InvalidDataException($"RICE document '{d.Key}' of '{product}' is empty."))
            .ToDictionary(e => e.Number);
    }
}
