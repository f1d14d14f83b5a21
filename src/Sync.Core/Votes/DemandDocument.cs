using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Core.Votes;

/// <summary>
/// The latest demand of one public issue as the votes step counted it, kept as a document (kind
/// <see cref="Kind"/>, key the issue reference) for RICE and the roadmap.
/// </summary>
public sealed record DemandDocument(int Up, int Down, double Weighted, int UniqueVoters, IReadOnlyDictionary<string, DateTimeOffset> LastVotedAt)
{
    public const string Kind = "demand";

    /// <summary>Forum votes known only as a number (<see cref="DemandSignal.Anonymous"/>); 0 in documents written before forums.</summary>
    public int Anonymous { get; init; }

    public static DemandDocument From(DemandSignal signal) =>
        new(signal.Up, signal.Down, signal.Weighted, signal.UniqueVoters, signal.LastVotedAt) { Anonymous = signal.Anonymous };

    /// <summary>Voters whose latest counted reaction is at or after <paramref name="since"/>.</summary>
    public int VotersSince(DateTimeOffset since) => LastVotedAt.Values.Count(at => at >= since);

    public StoredDocument ToStored(string product, string issue, DateTimeOffset at) =>
        new(product, Kind, issue, JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<string, DemandDocument>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents.ToDictionary(
            d => d.Key,
            d => JsonSerializer.Deserialize<DemandDocument>(d.Body) ?? throw new InvalidDataException($"Demand document '{d.Key}' of '{product}' is empty."),
            StringComparer.Ordinal);
    }
}
