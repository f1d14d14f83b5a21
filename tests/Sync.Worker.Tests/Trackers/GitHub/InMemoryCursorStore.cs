using System.Collections.Concurrent;
using Sync.Core.Storage;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>Just the cursor/validator part of the state store, in memory, counting what the cache writes.</summary>
internal sealed class InMemoryCursorStore : ICursorStore
{
    private readonly ConcurrentDictionary<string, SyncCursor> _cursors = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, CachedResponse> Responses { get; } = new(StringComparer.Ordinal);

    public Task<SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(_cursors.GetValueOrDefault(scope));

    public Task SaveCursorAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        _cursors[cursor.Scope] = cursor;
        return Task.CompletedTask;
    }

    public Task<CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Responses.GetValueOrDefault(key));

    public async Task SaveCachedResponseAsync(CachedResponse response, CancellationToken cancellationToken)
    {
        // Completes later than the call, like a real database write: the client must wait for it.
        await Task.Yield();
        Responses[response.Key] = response;
    }
}
