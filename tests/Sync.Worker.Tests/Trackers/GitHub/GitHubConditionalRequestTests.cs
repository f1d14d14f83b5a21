using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>Incremental listings are conditional: a repeated listing is one 304 answered from the persisted cache.</summary>
public sealed class GitHubConditionalRequestTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string Issues = Root + "/repos/acme/widget/issues";
    private const string ETag = "\"644b5b0155e6404a9cc4bd9d8b1ae730\"";
    private static readonly IssueQuery Incremental = new(UpdatedSince: new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly GitHubClientFixture _fixture;

    public GitHubConditionalRequestTests()
    {
        _fixture = GitHubClientFixture.ForWireMock(_server, Root);
        var body = Payloads.GitHubIssues([Payloads.GitHubIssue(1, state: "open"), Payloads.GitHubIssue(2, pullRequest: true), Payloads.GitHubIssue(3)]);
        _server.Given(Request.Create().WithPath(Issues).UsingGet().WithHeader("If-None-Match", ETag)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", ETag));
        _server.Given(Request.Create().WithPath(Issues).UsingGet()).AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithHeader("ETag", ETag).WithBody(body));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _fixture.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task ListIssues_IncrementalAgainUnchanged_SendsIfNoneMatchAndServesThe304FromTheCache()
    {
        var first = await _fixture.Client.ListIssuesAsync("acme/widget", Incremental, Ct).ToListAsync(Ct);
        _fixture.Counter.Reset();

        var second = await _fixture.Client.ListIssuesAsync("acme/widget", Incremental, Ct).ToListAsync(Ct);

        Assert.Equal([1L, 3L], first.Select(i => i.Ref.Number));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
        var entries = _server.LogEntries.ToList();
        Assert.Equal(2, entries.Count);
        Assert.False(entries[0].RequestMessage.Headers!.ContainsKey("If-None-Match"));
        Assert.Equal(ETag, entries[1].RequestMessage.Headers!["If-None-Match"].Single());
        Assert.Equal(304, entries[1].ResponseMessage.StatusCode);
        var counts = _fixture.Counter.Snapshot().Trackers["hub"];
        Assert.Equal(1, counts.Total);
        Assert.Equal(1, counts.ByStatus[new RequestKey("hub", "GET", EndpointKinds.IssuesList, 304)]);
    }

    [Fact]
    public async Task ListIssues_Incremental_StoresOneRowPerQueryThatAMovingCursorOverwrites()
    {
        await _fixture.Client.ListIssuesAsync("acme/widget", Incremental, Ct).ToListAsync(Ct);
        var store = (InMemoryCursorStore)_fixture.Store;
        var entry = Assert.Single(store.Responses.Values);
        Assert.StartsWith($"hub {_server.Url}{Issues}?", entry.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("since", entry.Key, StringComparison.Ordinal);
        Assert.Contains("since=2024-03-01T00%3A00%3A00Z", entry.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ETag, entry.ETag);

        // A later cursor reuses the row, and the stored validator is not offered for a different URL.
        var later = Incremental with { UpdatedSince = Incremental.UpdatedSince!.Value.AddDays(1) };
        await _fixture.Client.ListIssuesAsync("acme/widget", later, Ct).ToListAsync(Ct);

        Assert.Single(store.Responses);
        Assert.False(_server.LogEntries[1].RequestMessage.Headers!.ContainsKey("If-None-Match"));
        Assert.Contains("since=2024-03-02T00%3A00%3A00Z", store.Responses.Values.Single().Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListIssues_FullListing_IsNeitherCachedNorConditional()
    {
        await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(), Ct).ToListAsync(Ct);
        await _fixture.Client.ListIssuesAsync("acme/widget", new IssueQuery(), Ct).ToListAsync(Ct);

        Assert.Empty(((InMemoryCursorStore)_fixture.Store).Responses);
        Assert.All(_server.LogEntries, e => Assert.False(e.RequestMessage.Headers!.ContainsKey("If-None-Match")));
        Assert.All(_server.LogEntries, e => Assert.Equal(200, e.ResponseMessage.StatusCode));
    }

    [Fact]
    public async Task ListIssues_WhenTheCacheCannotBeWritten_StillReturnsTheIssues()
    {
        using var fixture = new GitHubClientFixture(new Uri(_server.Url + Root), store: new FailingCursorStore());

        var issues = await fixture.Client.ListIssuesAsync("acme/widget", Incremental, Ct).ToListAsync(Ct);

        Assert.Equal([1L, 3L], issues.Select(i => i.Ref.Number));
    }

    private sealed class FailingCursorStore : Sync.Core.Storage.ICursorStore
    {
        public Task<Sync.Core.Storage.SyncCursor?> GetCursorAsync(string scope, CancellationToken cancellationToken) => throw new InvalidOperationException("down");

        public Task SaveCursorAsync(Sync.Core.Storage.SyncCursor cursor, CancellationToken cancellationToken) => throw new InvalidOperationException("down");

        public Task<Sync.Core.Storage.CachedResponse?> GetCachedResponseAsync(string key, CancellationToken cancellationToken) =>
            Task.FromException<Sync.Core.Storage.CachedResponse?>(new InvalidOperationException("down"));

        public Task SaveCachedResponseAsync(Sync.Core.Storage.CachedResponse response, CancellationToken cancellationToken) =>
            Task.FromException(new InvalidOperationException("down"));
    }
}
