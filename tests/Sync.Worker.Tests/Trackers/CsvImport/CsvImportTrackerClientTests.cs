using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Forums;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Trackers.CsvImport;

/// <summary>The built-in csv tracker against a real SQLite store: imports, listing, votes, close and reply.</summary>
public sealed class CsvImportTrackerClientTests : IAsyncLifetime
{
    private const string Product = "widget";
    private const string Path = "widget/import";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteStateStore _sqlite = new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "issuesync-tests", Guid.NewGuid().ToString("N"), "csv.db"));
    private CountingDocuments _store = null!;
    private CsvImportTrackerClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _sqlite.MigrateAsync(Ct);
        _store = new CountingDocuments(_sqlite);
        _client = new CsvImportTrackerClient(CsvImportDialect.TrackerName, _store, _time);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<CsvImportPlan> ImportAsync(string csv)
    {
        var parsed = CsvIdeaFile.Parse("ideas.csv", Encoding.UTF8.GetBytes(csv), _time.GetUtcNow());
        Assert.Empty(parsed.Errors);
        var book = new CsvIdeaBook(_store, _time);
        var plan = await book.PlanAsync(Product, parsed.Ideas, Ct);
        await book.ImportAsync(plan, Ct);
        return plan;
    }

    private const string TwoIdeas = """
        title,body,author,created,votes,voters,url
        Dark mode,Please,alice,2026-05-01T10:00:00Z,5,bob;carol,https://feedback.example.com/p/dark-mode
        CSV export,,dave,2026-06-01,2,,

        """;

    [Fact]
    public async Task Import_StoresEveryIdeaInOneSave_NumberedInFileOrder()
    {
        var plan = await ImportAsync(TwoIdeas);

        Assert.Equal(1, _store.Saves);
        Assert.Equal([1L, 2L], plan.Entries.Select(e => e.Number));
        var issues = await _client.ListIssuesAsync(Path, new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct);
        Assert.Equal(["Dark mode", "CSV export"], issues.Select(i => i.Title));
        var first = issues[0];
        Assert.Equal("csv:widget/import#1", first.Ref.ToString());
        Assert.Equal(("Please", "alice", 5, IssueState.Open), (first.Body, first.Author.Username, first.Upvotes, first.State));
        Assert.Equal("https://feedback.example.com/p/dark-mode", first.WebUrl);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal(string.Empty, issues[1].WebUrl);
    }

    [Fact]
    public async Task Reimport_OfAnUpdatedExport_UpdatesKnownIdeasAndAddsNewOnes_NeverDuplicates()
    {
        await ImportAsync(TwoIdeas);
        _time.Advance(TimeSpan.FromDays(1));

        var plan = await ImportAsync("""
            title,body,author,created,votes,voters,url
            Dark mode (renamed),Please!,alice,2026-05-01T10:00:00Z,9,bob;carol;erin,https://feedback.example.com/p/dark-mode
            CSV export,,dave,2026-06-01,2,,
            Offline mode,,frank,2026-07-01,1,,

            """);

        Assert.Equal([CsvImportChange.Updated, CsvImportChange.Unchanged, CsvImportChange.New], plan.Entries.Select(e => e.Change));
        var issues = await _client.ListIssuesAsync(Path, new IssueQuery(), Ct).OrderBy(i => i.Ref.Number).ToListAsync(Ct);
        Assert.Equal([(1L, "Dark mode (renamed)", 9), (2L, "CSV export", 2), (3L, "Offline mode", 1)], issues.Select(i => (i.Ref.Number, i.Title, i.Upvotes)));
        Assert.Equal(2, _store.Saves);
    }

    [Fact]
    public async Task Reimport_OfTheSameFile_WritesNothing()
    {
        await ImportAsync(TwoIdeas);
        var plan = await ImportAsync(TwoIdeas);

        Assert.All(plan.Entries, e => Assert.Equal(CsvImportChange.Unchanged, e.Change));
        Assert.Equal(1, _store.Saves);
    }

    [Fact]
    public async Task VoteSignals_GiveIdentifiedVotersAndTheRestAsAnonymous()
    {
        await ImportAsync(TwoIdeas);

        var signals = await _client.ListVoteSignalsAsync(Path, new VoteSignalQuery(), Ct).ToListAsync(Ct);
        var reactions = await _client.ListIssueReactionsAsync(Path, 1, Ct).ToListAsync(Ct);

        var dark = signals.Single(s => s.Number == 1);
        Assert.Equal(2, dark.Counts["+1"]);
        Assert.Equal(["bob", "carol"], dark.Voters!.Select(v => v.User.Username));
        Assert.Equal(3, dark.Anonymous); // 5 votes, 2 of them named
        Assert.Equal(("alice", "Dark mode"), (dark.Author!.Username, dark.Title));
        Assert.Equal(2, signals.Single(s => s.Number == 2).Anonymous);
        Assert.Equal(["+1", "+1"], reactions.Select(r => r.Name));
        Assert.Equal("csv", ((ITrackerClient)_client).IdentityHost);
    }

    [Fact]
    public async Task Reply_IsStoredWithTheIdea_AndListedBackWithItsMarker()
    {
        await ImportAsync(TwoIdeas);
        const string Notice = "Moved to https://github.com/acme/widget/issues/7\n\n<!-- issuesync:moved-to github:acme/widget#7 -->";

        var created = await _client.CreateCommentAsync(Path, 1, Notice, false, Ct);
        var listed = await _client.ListCommentsAsync(Path, 1, Ct).ToListAsync(Ct);

        var reply = Assert.Single(listed);
        Assert.Equal((created.Id, Notice), (reply.Id, reply.Body));
        Assert.Equal(1, (await _client.GetIssueAsync(Path, 1, Ct)).CommentCount);
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.CreateCommentAsync(Path, 1, "x", isInternal: true, Ct));
    }

    [Fact]
    public async Task Close_MarksTheIdeaClosed_WithTheMovesReason_AndLeavesTheOpenListing()
    {
        await ImportAsync(TwoIdeas);

        var closed = await _client.EditIssueAsync(Path, 1, new ForumRules().CloseEdit, Ct);
        var locked = await _client.EditIssueAsync(Path, 2, new ForumRules { CloseAs = ForumClose.Lock }.CloseEdit, Ct);

        Assert.Equal((IssueState.Closed, "duplicate"), (closed.State, closed.StateReason));
        Assert.Equal((IssueState.Closed, "locked"), (locked.State, locked.StateReason));
        Assert.Empty(await _client.ListIssuesAsync(Path, new IssueQuery(IssueStateFilter.Open), Ct).ToListAsync(Ct));
        Assert.Equal(2, (await _client.ListIssuesAsync(Path, new IssueQuery(IssueStateFilter.Closed), Ct).ToListAsync(Ct)).Count);
    }

    [Fact]
    public async Task Reimport_AfterClose_KeepsTheIdeaClosedAndItsReply_ButTakesTheNewVotes()
    {
        await ImportAsync(TwoIdeas);
        await _client.CreateCommentAsync(Path, 1, "Moved", false, Ct);
        await _client.EditIssueAsync(Path, 1, new ForumRules().CloseEdit, Ct);

        await ImportAsync(TwoIdeas.Replace(",5,bob;carol,", ",7,bob;carol,", StringComparison.Ordinal));

        var idea = await _client.GetIssueAsync(Path, 1, Ct);
        Assert.Equal((IssueState.Closed, 7, 1), (idea.State, idea.Upvotes, idea.CommentCount));
    }

    [Fact]
    public async Task LabelOnlyEdit_WritesNothing_AndOtherEditsAreRefused()
    {
        await ImportAsync(TwoIdeas);
        var saves = _store.Saves;

        var same = await _client.EditIssueAsync(Path, 1, new IssueEdit(AddLabels: ["moved"]), Ct);

        Assert.Equal(IssueState.Open, same.State);
        Assert.Equal(saves, _store.Saves);
        Assert.Empty(same.Labels);
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.EditIssueAsync(Path, 1, new IssueEdit(Title: "x"), Ct));
    }

    [Fact]
    public async Task Listing_WithLabelsOrAfterUpdatedSince_FindsOnlyWhatMatches()
    {
        await ImportAsync(TwoIdeas);
        _time.Advance(TimeSpan.FromHours(1));
        await _client.EditIssueAsync(Path, 2, new ForumRules().CloseEdit, Ct);

        Assert.Empty(await _client.ListIssuesAsync(Path, new IssueQuery(Labels: ["public"]), Ct).ToListAsync(Ct));
        var since = await _client.ListIssuesAsync(Path, new IssueQuery(UpdatedSince: _time.GetUtcNow()), Ct).ToListAsync(Ct);
        Assert.Equal([2L], since.Select(i => i.Ref.Number));
    }

    [Fact]
    public async Task MoveOfOneIdea_CostsExactlyTheseStoreCalls_AndNoRequest()
    {
        await ImportAsync(TwoIdeas);
        var (lists, gets, saves) = (_store.Lists, _store.Gets, _store.Saves);

        // What the move step asks of a source for one idea: the listing, its replies, the reply, the close; then votes.
        _ = await _client.ListIssuesAsync(Path, new ForumRules().ListingQuery, Ct).ToListAsync(Ct);
        _ = await _client.ListCommentsAsync(Path, 1, Ct).ToListAsync(Ct);
        _ = await _client.CreateCommentAsync(Path, 1, "Moved to https://github.com/acme/widget/issues/7", false, Ct);
        _ = await _client.EditIssueAsync(Path, 1, new ForumRules().CloseEdit, Ct);
        _ = await _client.ListVoteSignalsAsync(Path, new VoteSignalQuery(Numbers: [1]), Ct).ToListAsync(Ct);

        Assert.Equal(1 + 1, _store.Lists - lists); // the listing, the votes
        Assert.Equal(1 + 1 + 1, _store.Gets - gets); // one row each: replies, the reply's read, the close's read
        Assert.Equal(1 + 1, _store.Saves - saves); // the reply, the close
    }

    [Fact]
    public async Task UnknownIdeaOrPath_IsNotFound()
    {
        await ImportAsync(TwoIdeas);

        await Assert.ThrowsAsync<TrackerNotFoundException>(() => _client.GetIssueAsync(Path, 99, Ct));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => _client.GetIssueAsync("widget/other", 1, Ct));
        Assert.Empty(await _client.ListIssuesAsync("gadget/import", new IssueQuery(), Ct).ToListAsync(Ct));
    }

    /// <summary>Counts the store's save calls: an import is one.</summary>
    private sealed class CountingDocuments(IDocumentStore inner) : IDocumentStore
    {
        public int Saves { get; private set; }

        public int Lists { get; private set; }

        public int Gets { get; private set; }

        public Task<StoredDocument?> GetDocumentAsync(string product, string kind, string key, CancellationToken cancellationToken)
        {
            Gets++;
            return inner.GetDocumentAsync(product, kind, key, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string product, string kind, CancellationToken cancellationToken)
        {
            Lists++;
            return inner.ListDocumentsAsync(product, kind, cancellationToken);
        }

        public Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken)
        {
            Saves++;
            return inner.SaveDocumentsAsync(documents, cancellationToken);
        }

        public Task DeleteDocumentsAsync(string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
            inner.DeleteDocumentsAsync(product, kind, keys, cancellationToken);
    }
}
