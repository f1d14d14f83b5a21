using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;
using Sync.Core.Storage;
using CoreCachedResponse = Sync.Core.Storage.CachedResponse;
using OctokitCachedResponse = Octokit.Caching.CachedResponse;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// Octokit's <see cref="IResponseCache"/> over IssueSync's persisted <see cref="ICursorStore"/>, so an incremental
/// listing repeated with an unchanged cursor is sent with <c>If-None-Match</c> and a 304 is answered from the store
/// (GitHub does not count a 304 against the rate limit).
/// <para>
/// By default only GET issue listings carrying <c>since=</c> are cached: a first, full listing would store every page of
/// every issue. The vote reads (<see cref="GitHubCachePolicy.VoteReads"/>) do cache full listings, but store each page
/// trimmed to the fields of a vote signal (about a tenth of the page). The row key is the tracker name plus the absolute request URL without its <c>since</c> value, so each page of
/// each query has one row that a moving cursor overwrites (the store stays bounded); the entry records the full URL and
/// only answers a request for exactly that URL, so a stored <c>Link</c> header never leaks an older cursor.
/// Octokit calls <see cref="SetAsync"/> without awaiting it; the pending writes are awaited by <see cref="FlushAsync"/>
/// before the client returns, so a second listing always sees the first one's validators.
/// One instance serves one client call: it carries that call's cancellation token.
/// </para>
/// </summary>
internal sealed class GitHubResponseCache(
    string trackerName, ICursorStore store, TimeProvider time, CancellationToken cancellationToken, GitHubCachePolicy policy = GitHubCachePolicy.IncrementalListings)
    : IResponseCache
{
    private readonly List<Task> _pendingWrites = [];

    public bool IsCacheable(IRequest request) =>
        request.Method == HttpMethod.Get
        && AbsoluteUrl(request) is { } url
        && policy switch
        {
            // A vote-read call makes only vote-read GETs (issue pages, single issues, comment pages).
            GitHubCachePolicy.VoteReads => true,
            _ => url.AbsolutePath.EndsWith("/issues", StringComparison.Ordinal) && url.Query.Contains("since=", StringComparison.Ordinal),
        };

    public async Task<OctokitCachedResponse.V1> GetAsync(IRequest request)
    {
        if (!IsCacheable(request))
        {
            return null!; // Octokit's contract: null means "not cached" (the library is not nullable-annotated).
        }

        var stored = await store.GetCachedResponseAsync(Key(request), cancellationToken).ConfigureAwait(false);
        if (stored is null
            || JsonSerializer.Deserialize(stored.Body, StoredResponseJson.Default.StoredResponse) is not { } entry
            || entry.Url != AbsoluteUrl(request)!.AbsoluteUri)
        {
            return null!;
        }

        // Octokit re-parses ApiInfo (ETag, Link, rate limit) from the headers when it replays the entry.
        var apiInfo = new ApiInfo(new Dictionary<string, Uri>(), [], [], stored.ETag, new RateLimit());
        return new OctokitCachedResponse.V1(entry.Body, entry.Headers, apiInfo, (System.Net.HttpStatusCode)entry.Status, entry.ContentType);
    }

    public Task SetAsync(IRequest request, OctokitCachedResponse.V1 cachedResponse)
    {
        if (!IsCacheable(request)
            || cachedResponse.StatusCode != System.Net.HttpStatusCode.OK
            || cachedResponse.Body is not string body
            || string.IsNullOrEmpty(cachedResponse.ApiInfo?.Etag))
        {
            return Task.CompletedTask;
        }

        // A vote read keeps only what the vote signal needs: a 304 proves the page unchanged, so the projection is too.
        var stored = policy == GitHubCachePolicy.VoteReads ? GitHubVotePages.Trim(body) : body;
        var entry = new StoredResponse(
            AbsoluteUrl(request)!.AbsoluteUri, (int)cachedResponse.StatusCode, cachedResponse.ContentType, cachedResponse.Headers.ToDictionary(), stored);
        var json = JsonSerializer.Serialize(entry, StoredResponseJson.Default.StoredResponse);
        var write = store.SaveCachedResponseAsync(
            new CoreCachedResponse(Key(request), cachedResponse.ApiInfo.Etag, json, time.GetUtcNow()),
            cancellationToken);
        lock (_pendingWrites)
        {
            _pendingWrites.Add(write);
        }

        return write;
    }

    /// <summary>
    /// Waits for the writes Octokit started but did not await. A failed write only costs the next listing its 304,
    /// so it is logged, not thrown: the listing itself succeeded. Cancellation still propagates.
    /// </summary>
    public async Task FlushAsync(ILogger logger)
    {
        Task[] writes;
        lock (_pendingWrites)
        {
            writes = [.. _pendingWrites];
            _pendingWrites.Clear();
        }

        try
        {
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GitHubLog.CacheWriteFailed(logger, trackerName, ex.GetType().Name);
        }
    }

    private string Key(IRequest request)
    {
        var url = AbsoluteUrl(request)!;
        var query = url.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith("since=", StringComparison.Ordinal));
        return $"{trackerName} {url.GetLeftPart(UriPartial.Path)}?{string.Join('&', query)}";
    }

    private static Uri? AbsoluteUrl(IRequest request) =>
        request.Endpoint is null ? null
        : request.Endpoint.IsAbsoluteUri ? request.Endpoint
        : request.BaseAddress is null ? null
        : new Uri(request.BaseAddress, request.Endpoint);
}

/// <summary>Which GETs a <see cref="GitHubResponseCache"/> stores.</summary>
internal enum GitHubCachePolicy
{
    /// <summary>Issue listings with <c>since=</c> (the incremental listing), stored whole.</summary>
    IncrementalListings,

    /// <summary>Every GET of a vote-read call, stored trimmed to the vote signal's fields (<see cref="GitHubVotePages.Trim"/>).</summary>
    VoteReads,
}

/// <summary>What Octokit needs to replay a response; stored as JSON in <see cref="CoreCachedResponse.Body"/>.</summary>
internal sealed record StoredResponse(string Url, int Status, string? ContentType, Dictionary<string, string> Headers, string Body);

[JsonSerializable(typeof(StoredResponse))]
internal sealed partial class StoredResponseJson : JsonSerializerContext;
