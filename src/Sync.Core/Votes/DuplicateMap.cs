using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Core.Votes;

/// <summary>
/// Duplicate → canonical numbers of a product's public project, kept as one step-state document (kind <see cref="Kind"/>,
/// key the product). Kept in the HTTP-cache table (<c>votes-duplicates-v2:</c>) until issue 17; schema migration 4 (SQLite)
/// / 5 (PostgreSQL) moved it here.
/// </summary>
internal static class DuplicateMap
{
    public const string Kind = "votes-duplicates";

    /// <summary>The kept map; null when none is kept yet.</summary>
    public static async Task<Dictionary<long, long>?> LoadAsync(IStepStateStore state, string product, CancellationToken cancellationToken)
    {
        var stored = (await state.ListDocumentsAsync(product, Kind, cancellationToken)).FirstOrDefault(d => d.Key == product);
        return stored is null ? null : JsonSerializer.Deserialize<Dictionary<long, long>>(stored.Body) ?? [];
    }

    public static Task SaveAsync(IStepStateStore state, string product, Dictionary<long, long> duplicates, DateTimeOffset now, CancellationToken cancellationToken) =>
        state.SaveDocumentsAsync([new StoredDocument(product, Kind, product, JsonSerializer.Serialize(duplicates), now)], cancellationToken);
}
