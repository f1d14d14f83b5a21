using System.Runtime.CompilerServices;
using Sync.Core.Forums;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>
/// The ideas of a product's CSV imports as a source-only forum: read from and written to the document store, no
/// HTTP. Project path <c>&lt;product&gt;/import</c>; an idea's number is assigned at import. Ideas carry no labels,
/// so a listing that asks for labels finds none; <see cref="IssueQuery.UpdatedSince"/> is honoured.
/// </summary>
internal sealed class CsvImportTrackerClient(string name, IDocumentStore? documents, TimeProvider time) : ITrackerClient
{
    /// <summary>Who the built-in tracker's replies are from.</summary>
    public static readonly TrackerUser Self = new("issuesync", 0);

    private static readonly TrackerUser Unknown = new("unknown", 0);

    public string Name => name;

    public TrackerKind Kind => TrackerKind.CsvImport;

    public Uri WebRoot => CsvImportDialect.Root;

    public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken) => Task.FromResult(Self);

    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var product = ProductOf(projectPath);
        if (query.Labels is { Count: > 0 })
        {
            yield break; // imported ideas have no labels
        }

        var ideas = await Book.ListAsync(product, cancellationToken);
        foreach (var idea in ideas.Where(i => Matches(i, query)).OrderBy(i => i.UpdatedAt).ThenBy(i => i.Number))
        {
            yield return ToIssue(product, idea);
        }
    }

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var product = ProductOf(projectPath);
        return ToIssue(product, await GetAsync(product, number, cancellationToken));
    }

    public async IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var idea = await GetAsync(ProductOf(projectPath), number, cancellationToken);
        foreach (var reply in idea.Replies)
        {
            yield return new TrackerComment { Id = reply.Id, Body = reply.Body, Author = new TrackerUser(reply.Author, 0), CreatedAt = reply.CreatedAt, UpdatedAt = reply.CreatedAt };
        }
    }

    public async Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        if (isInternal)
        {
            throw Unsupported("internal replies");
        }

        var product = ProductOf(projectPath);
        var idea = await GetAsync(product, number, cancellationToken);
        var now = time.GetUtcNow();
        var reply = new CsvIdeaReply(idea.Replies.Count == 0 ? 1 : idea.Replies.Max(r => r.Id) + 1, body, Self.Username, now);
        await Book.SaveAsync(product, idea with { Replies = [.. idea.Replies, reply], UpdatedAt = now }, cancellationToken);
        return new TrackerComment { Id = reply.Id, Body = body, Author = Self, CreatedAt = now, UpdatedAt = now };
    }

    /// <summary>Closes (or, with reason <c>locked</c>, locks: the same for a stored idea) or answers a label-only edit as it is.</summary>
    public async Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var product = ProductOf(projectPath);
        var idea = await GetAsync(product, number, cancellationToken);
        var labelsOnly = edit is { Title: null, Body: null, MilestoneId: null, ClearMilestone: false, State: null, StateReason: null };
        if (labelsOnly)
        {
            return ToIssue(product, idea); // forums keep no labels: the ledger stops a second move
        }

        if (edit is not { State: IssueState.Closed, Title: null, Body: null, MilestoneId: null, ClearMilestone: false, AddLabels: null or { Count: 0 }, RemoveLabels: null or { Count: 0 } })
        {
            throw Unsupported("edits other than closing");
        }

        if (idea.Closed)
        {
            return ToIssue(product, idea);
        }

        var now = time.GetUtcNow();
        var closed = idea with { Closed = true, StateReason = edit.StateReason ?? ForumCloseReason.Duplicate.ToString().ToLowerInvariant(), ClosedAt = now, UpdatedAt = now };
        await Book.SaveAsync(product, closed, cancellationToken);
        return ToIssue(product, closed);
    }

    public async IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var idea = await GetAsync(ProductOf(projectPath), number, cancellationToken);
        foreach (var reaction in Reactions(idea))
        {
            yield return reaction;
        }
    }

    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ideas = await Book.ListAsync(ProductOf(projectPath), cancellationToken);
        var selected = query.Numbers is { } numbers
            ? ideas.Where(i => numbers.Contains(i.Number))
            : ideas.Where(i => query.State == IssueStateFilter.All || (query.State == IssueStateFilter.Open) != i.Closed);
        foreach (var idea in selected)
        {
            var voters = Reactions(idea);
            yield return new IssueVoteSignal(
                idea.Number,
                new Dictionary<string, int> { ["+1"] = voters.Count },
                voters,
                Author: AuthorOf(idea),
                Title: idea.Title,
                Anonymous: idea.Anonymous);
        }
    }

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => AsyncEnumerable.Empty<TrackerLabel>();

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => AsyncEnumerable.Empty<TrackerMilestone>();

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<TrackerReaction>();

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) => throw Unsupported(nameof(CreateIssueAsync));

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(EditCommentAsync));

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) => throw Unsupported(nameof(CreateLabelAsync));

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(CreateMilestoneAsync));

    private CsvIdeaBook Book => new(
        documents ?? throw new InvalidOperationException($"The {name} tracker needs the state store's documents (none is registered)"),
        time);

    private static bool Matches(CsvIdeaDocument idea, IssueQuery query) =>
        (query.State == IssueStateFilter.All || (query.State == IssueStateFilter.Open) != idea.Closed)
        && (query.UpdatedSince is not { } since || idea.UpdatedAt >= since);

    private async Task<CsvIdeaDocument> GetAsync(string product, long number, CancellationToken cancellationToken) =>
        await Book.GetAsync(product, number, cancellationToken)
            ?? throw new TrackerNotFoundException(name, $"imported idea {product}{CsvImportDialect.ProjectSuffix}#{number}");

    private string ProductOf(string projectPath) =>
        CsvImportDialect.ProductOf(projectPath)
            ?? throw new TrackerNotFoundException(name, $"'{projectPath}' (a project of the {name} tracker is '<product>{CsvImportDialect.ProjectSuffix}')");

    private TrackerIssue ToIssue(string product, CsvIdeaDocument idea) => new()
    {
        Ref = new IssueRef(new ProjectRef(name, CsvImportDialect.ProjectPathOf(product)), idea.Number),
        Id = idea.Number,
        Title = idea.Title,
        Body = idea.Body,
        State = idea.Closed ? IssueState.Closed : IssueState.Open,
        StateReason = idea.StateReason,
        Author = AuthorOf(idea),
        CreatedAt = idea.CreatedAt,
        UpdatedAt = idea.UpdatedAt,
        ClosedAt = idea.ClosedAt,
        WebUrl = idea.Url ?? string.Empty,
        Upvotes = idea.Votes,
        CommentCount = idea.Replies.Count,
    };

    private static TrackerUser AuthorOf(CsvIdeaDocument idea) => idea.Author is { } author ? new TrackerUser(author, 0) : Unknown;

    /// <summary>The listed voters as "+1" reactions; the export gives no vote times, so each is dated at the idea's first import.</summary>
    private static List<TrackerReaction> Reactions(CsvIdeaDocument idea) =>
        [.. idea.Voters.Select((voter, i) => new TrackerReaction(i + 1, "+1", new TrackerUser(voter, 0), idea.ImportedAt))];

    private NotSupportedException Unsupported(string what) =>
        new($"Tracker '{name}' is of kind {TrackerKind.CsvImport}, a source-only forum: it does not support {what}");
}
