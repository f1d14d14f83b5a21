using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Core.Votes;

/// <summary>
/// Duplicate → canonical numbers of a product's public project, kept as one small document in the cursor store.
/// </summary>
internal static class DuplicateMap
{
    // "-v2": the first map (votes-duplicates:) was built from bare numbers and may name a wrong issue; it is left unread.
    private static string Key(string product) => $"votes-duplicates-v2:{product}";

    /// <summary>The kept map; null when none is kept yet.</summary>
    public static async Task<Dictionary<long, long>?> LoadAsync(ICursorStore cursors, string product, CancellationToken cancellationToken)
    {
        var stored = await cursors.GetCachedResponseAsync(Key(product), cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize<Dictionary<long, long>>(stored.Body) ?? [];
    }

    public static Task SaveAsync(ICursorStore cursors, string product, Dictionary<long, long> duplicates, DateTimeOffset now, CancellationToken cancellationToken) =>
        cursors.SaveCachedResponseAsync(new CachedResponse(Key(product), string.Empty, JsonSerializer.Serialize(duplicates), now), cancellationToken);
}
