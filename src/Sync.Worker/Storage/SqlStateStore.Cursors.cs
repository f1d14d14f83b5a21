using System.Text.Json;
using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CursorRow>(
            Command(Sql.GetCursor, new { Scope = scope }, cancellationToken));
        if (row is null)
        {
            return null;
        }

        var seen = JsonSerializer.Deserialize<string[]>(row.SeenAtUpdatedAt) ?? [];
        return new SyncCursor(row.Scope, row.UpdatedAt is null ? null : FromDb(row.UpdatedAt), seen, FromDb(row.SavedAt));
    }

    public async Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // The seen-id list is stored as a JSON array in a text column: the same on both dialects, and it is
        // only ever read back whole.
        var parameters = new
        {
            cursor.Scope,
            UpdatedAt = cursor.UpdatedAt is { } updatedAt ? ToDb(updatedAt) : null,
            SeenAtUpdatedAt = JsonSerializer.Serialize(cursor.SeenAtUpdatedAt),
            SavedAt = ToDb(cursor.SavedAt),
        };
        await connection.ExecuteAsync(Command(Sql.UpsertCursor, parameters, cancellationToken));
    }

    public async Task<CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CachedResponseRow>(
            Command(Sql.GetCachedResponse, new { Key = key }, cancellationToken));
        return row is null ? null : new CachedResponse(row.Key, row.ETag, row.Body, FromDb(row.SavedAt));
    }

    public async Task SaveCachedResponseAsync(CachedResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new { response.Key, response.ETag, response.Body, SavedAt = ToDb(response.SavedAt) };
        await connection.ExecuteAsync(Command(Sql.UpsertCachedResponse, parameters, cancellationToken));
    }
}
