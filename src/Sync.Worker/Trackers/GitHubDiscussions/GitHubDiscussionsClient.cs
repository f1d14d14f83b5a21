using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers.GitHubDiscussions;

/// <summary>
/// A feature forum in one category of a repository's GitHub Discussions, as a source-only tracker, over GraphQL through
/// the tracker's named HttpClient (token, limits, retries, request accounting). Requests: the category once per client
/// and path; one per 100 ideas listed (the page carries everything eligibility needs); one per idea read; one per 100
/// comments (with up to 100 replies each); one per 100 identified voters; one per 100 ideas of a bulk vote read; one
/// mutation per reply, close or lock. The port is split per concern: ideas (this file), comments, votes, writes.
/// </summary>
/// <param name="identityHost">The GitHub tracker whose accounts these are (its API root and token); default this tracker's name.</param>
internal sealed partial class GitHubDiscussionsClient(
    TrackerRegistration registration,
    IHttpClientFactory httpClientFactory,
    ILogger<GitHubDiscussionsClient> logger,
    string? identityHost = null)
    : ITrackerClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, CategoryNode> _categories = new(StringComparer.OrdinalIgnoreCase);

    // Node ids of ideas already read, so a reply or a close right after a read costs no extra lookup.
    private readonly ConcurrentDictionary<(string Repository, long Number), string> _nodeIds = new();

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.GitHubDiscussions;

    public string IdentityHost => identityHost ?? Name;

    public Uri WebRoot => registration.WebRoot;

    public async Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var data = await GraphQl().SendAsync<ViewerData>(DiscussionDocuments.Viewer, new Dictionary<string, object?>(), "the viewer", cancellationToken).ConfigureAwait(false);
        return ToUser(data.Viewer);
    }

    /// <summary>
    /// The category's ideas, least recently updated first. <see cref="IssueQuery.UpdatedSince"/> is honoured by filtering
    /// (GitHub's <c>discussions</c> connection takes no time bound), so it saves no request; labels too are filtered here,
    /// as the connection takes none. Open means neither closed nor locked.
    /// </summary>
    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = ForumPath.Parse(Name, projectPath);
        var category = await CategoryAsync(path, cancellationToken).ConfigureAwait(false);
        await foreach (var idea in ListAsync(path, category, DiscussionDocuments.List, query.State, cancellationToken).ConfigureAwait(false))
        {
            if (Matches(idea, query))
            {
                yield return ToIssue(path, projectPath, idea);
            }
        }
    }

    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var path = ForumPath.Parse(Name, projectPath);
        var idea = await ReadIdeaAsync(path, number, cancellationToken).ConfigureAwait(false);
        return ToIssue(path, projectPath, idea);
    }

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => LabelsAsync(projectPath, cancellationToken);

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => AsyncEnumerable.Empty<TrackerMilestone>();

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(CreateIssueAsync));

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(EditCommentAsync));

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(CreateLabelAsync));

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) =>
        throw Unsupported(nameof(CreateMilestoneAsync));

    private GitHubGraphQlClient GraphQl() =>
        new(Name, httpClientFactory.CreateClient(Name), GitHubGraphQlEndpoint.From(registration.ApiRoot), logger);

    private NotSupportedException Unsupported(string method) =>
        new($"Tracker '{Name}' is a GitHub Discussions forum (kind {Kind}), a source only: {method} is not supported");

    private static Dictionary<string, object?> RepositoryVariables(ForumPath path) =>
        new(StringComparer.Ordinal) { ["owner"] = path.Owner, ["name"] = path.Repository };

    /// <summary>The category the path names, by slug or name (case-insensitive), read once per client and path.</summary>
    private async Task<CategoryNode> CategoryAsync(ForumPath path, CancellationToken cancellationToken)
    {
        var key = $"{path.RepositoryPath}/{path.Category}";
        if (_categories.TryGetValue(key, out var known))
        {
            return known;
        }

        var data = await GraphQl().SendAsync<CategoriesData>(DiscussionDocuments.Categories, RepositoryVariables(path), $"discussion categories of {path.RepositoryPath}", cancellationToken)
            .ConfigureAwait(false);
        var categories = data.Repository?.DiscussionCategories?.Items.ToList()
            ?? throw new TrackerNotFoundException(Name, $"repository {path.RepositoryPath}");
        var category = categories.FirstOrDefault(c => string.Equals(c.Slug, path.Category, StringComparison.OrdinalIgnoreCase))
            ?? categories.FirstOrDefault(c => string.Equals(c.Name, path.Category, StringComparison.OrdinalIgnoreCase))
            ?? throw new TrackerNotFoundException(
                Name,
                $"discussion category '{path.Category}' of {path.RepositoryPath} (its categories: {(categories.Count == 0 ? "none" : string.Join(", ", categories.Select(c => c.Slug)))})");
        return _categories.GetOrAdd(key, category);
    }

    private async IAsyncEnumerable<Discussion> ListAsync(
        ForumPath path,
        CategoryNode category,
        string document,
        IssueStateFilter state,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var variables = RepositoryVariables(path);
            variables["category"] = category.Id;
            variables["states"] = state == IssueStateFilter.Open ? new[] { "OPEN" } : null;
            variables["cursor"] = cursor;
            var data = await GraphQl().SendAsync<ListData>(document, variables, $"discussions of {path.RepositoryPath} in '{category.Slug}'", cancellationToken).ConfigureAwait(false);
            var page = data.Repository?.Discussions ?? throw new TrackerNotFoundException(Name, $"repository {path.RepositoryPath}");
            foreach (var idea in page.Items)
            {
                // The category filter is the server's; an idea moved out of the category meanwhile is not ours.
                if (idea.Category is { } c && c.Id != category.Id)
                {
                    continue;
                }

                _nodeIds[(path.RepositoryPath, idea.Number)] = idea.Id;
                yield return idea;
            }

            cursor = page.PageInfo?.Next;
        }
        while (cursor is not null);
    }

    private async Task<Discussion> ReadIdeaAsync(ForumPath path, long number, CancellationToken cancellationToken)
    {
        var category = await CategoryAsync(path, cancellationToken).ConfigureAwait(false);
        var variables = RepositoryVariables(path);
        variables["number"] = ToInt(number);
        var resource = $"discussion #{number} of {path.RepositoryPath}";
        var data = await GraphQl().SendAsync<GetData>(DiscussionDocuments.Get, variables, resource, cancellationToken).ConfigureAwait(false);
        var idea = data.Repository?.Discussion ?? throw new TrackerNotFoundException(Name, resource);
        if (idea.Category is { } c && c.Id != category.Id)
        {
            throw new TrackerNotFoundException(Name, $"{resource} in category '{path.Category}' (it is in another category)");
        }

        _nodeIds[(path.RepositoryPath, idea.Number)] = idea.Id;
        return idea;
    }

    private async Task<string> NodeIdAsync(ForumPath path, long number, CancellationToken cancellationToken) =>
        _nodeIds.TryGetValue((path.RepositoryPath, number), out var id)
            ? id
            : (await ReadIdeaAsync(path, number, cancellationToken).ConfigureAwait(false)).Id;

    private async IAsyncEnumerable<TrackerLabel> LabelsAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = ForumPath.Parse(Name, projectPath);
        string? cursor = null;
        do
        {
            var variables = RepositoryVariables(path);
            variables["cursor"] = cursor;
            var data = await GraphQl().SendAsync<LabelsData>(DiscussionDocuments.Labels, variables, $"labels of {path.RepositoryPath}", cancellationToken).ConfigureAwait(false);
            var page = data.Repository?.Labels ?? throw new TrackerNotFoundException(Name, $"repository {path.RepositoryPath}");
            foreach (var label in page.Items)
            {
                yield return new TrackerLabel(label.Name, "#" + (label.Color ?? "ededed"), label.Description);
            }

            cursor = page.PageInfo?.Next;
        }
        while (cursor is not null);
    }

    private static bool Matches(Discussion idea, IssueQuery query)
    {
        var closed = idea.Closed || idea.Locked;
        var stateOk = query.State switch
        {
            IssueStateFilter.Open => !closed,
            IssueStateFilter.Closed => closed,
            _ => true,
        };
        var labels = idea.Labels?.Items.Select(l => l.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        return stateOk
            && (query.Labels is null || query.Labels.All(labels.Contains))
            && (query.UpdatedSince is not { } since || idea.UpdatedAt >= since);
    }

    private TrackerIssue ToIssue(ForumPath path, string projectPath, Discussion idea) => new()
    {
        Ref = new IssueRef(new ProjectRef(Name, projectPath), idea.Number),
        Id = idea.DatabaseId ?? idea.Number,
        Title = idea.Title,
        Body = idea.Body ?? string.Empty,
        State = idea.Closed || idea.Locked ? IssueState.Closed : IssueState.Open,

        // GitHub's DiscussionStateReason (DUPLICATE, OUTDATED, RESOLVED, REOPENED) in the port's lower case; a lock alone says "locked".
        StateReason = idea.Closed ? idea.StateReason?.ToLowerInvariant() : idea.Locked ? "locked" : null,
        Labels = [.. idea.Labels?.Items.Select(l => l.Name) ?? []],
        Author = ToUser(idea.Author),
        CreatedAt = idea.CreatedAt,
        UpdatedAt = idea.UpdatedAt,
        ClosedAt = idea.ClosedAt,
        WebUrl = idea.Url ?? new Uri(WebRoot, $"{path.RepositoryPath}/discussions/{idea.Number}").AbsoluteUri,
        Upvotes = idea.UpvoteCount,
        CommentCount = idea.Comments?.TotalCount ?? 0,
        Answered = idea.IsAnswered,
    };

    /// <summary>A deleted account is null in GraphQL; GitHub shows it as <c>ghost</c>.</summary>
    private static TrackerUser ToUser(Actor? actor) => new(actor?.Login ?? "ghost", actor?.DatabaseId ?? 0);

    private static int ToInt(long number) =>
        number is > 0 and <= int.MaxValue ? (int)number : throw new ArgumentOutOfRangeException(nameof(number), number, "A discussion number is a positive GraphQL Int");
}
