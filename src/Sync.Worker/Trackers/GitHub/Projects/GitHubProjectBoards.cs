using Microsoft.Extensions.Logging;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>
/// <see cref="IProjectBoards"/> for GitHub Projects v2 over GraphQL, through the named HttpClient of the configured
/// GitHub tracker (its token, limits, retries and request accounting). Request budget of one sync: one query per
/// 100 items of the board; one query for the node ids of all issues to add (aliased, none if nothing is new); then,
/// one at a time, one <c>addProjectV2ItemById</c> per new issue and one <c>updateProjectV2ItemFieldValue</c> per
/// issue whose option differs (new items included). A dry run makes the queries only.
/// </summary>
internal sealed class GitHubProjectBoards(
    IEnumerable<TrackerRegistration> registrations,
    IHttpClientFactory httpClientFactory,
    ILogger<GitHubProjectBoards> logger)
    : IProjectBoards
{
    public async Task<IReadOnlyList<string>> SyncAsync(
        string tracker,
        ProjectBoardTarget target,
        IReadOnlyDictionary<long, string> optionByIssue,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(optionByIssue);
        var registration = Find(tracker);
        var (owner, name) = SplitRepository(target.Repository);
        var graphQl = new GitHubGraphQlClient(
            registration.Name,
            httpClientFactory.CreateClient(registration.Name),
            GitHubGraphQlEndpoint.From(registration.ApiRoot),
            logger);

        var (board, pages) = await new ProjectBoardReader(registration.Name, graphQl).ReadAsync(target, cancellationToken).ConfigureAwait(false);
        var project = ProjectBoardWrites.ProjectName(target);
        ProjectBoardsLog.BoardRead(logger, registration.Name, project, target.Repository, board.Items.Count, pages);
        var changes = ProjectBoardWrites.Plan(registration.Name, target, board, optionByIssue);
        var newIssues = changes.Where(c => c.ItemId is null).Select(c => c.Issue).ToList();
        var contentIds = newIssues.Count == 0
            ? new Dictionary<long, string>()
            : await ReadIssueIdsAsync(graphQl, registration.Name, target.Repository, owner, name, newIssues, cancellationToken).ConfigureAwait(false);

        var writes = new List<string>();
        foreach (var change in changes)
        {
            var itemId = change.ItemId;
            if (itemId is null)
            {
                var add = ProjectBoardWrites.DescribeAdd(registration.Name, target, change.Issue);
                itemId = dryRun ? string.Empty : await AddItemAsync(graphQl, registration.Name, board, contentIds[change.Issue], add, cancellationToken).ConfigureAwait(false);
                Record(registration.Name, writes, add, dryRun);
            }

            var set = ProjectBoardWrites.DescribeSet(board.Field, change);
            if (!dryRun)
            {
                await SetOptionAsync(graphQl, registration.Name, board, itemId, change.Option, set, cancellationToken).ConfigureAwait(false);
            }

            Record(registration.Name, writes, set, dryRun);
        }

        return writes;
    }

    private static async Task<Dictionary<long, string>> ReadIssueIdsAsync(
        GitHubGraphQlClient graphQl,
        string trackerName,
        string repository,
        string owner,
        string name,
        IReadOnlyList<long> numbers,
        CancellationToken cancellationToken)
    {
        var (document, variables) = ProjectBoardDocuments.IssueIds(owner, name, numbers);
        var resource = $"issues {string.Join(", ", numbers.Select(n => "#" + n))} of {repository}";
        var data = await graphQl.SendAsync<IssueIdsData>(document, variables, resource, cancellationToken).ConfigureAwait(false);
        var found = data.Repository ?? throw new TrackerNotFoundException(trackerName, $"repository {repository}");
        var ids = new Dictionary<long, string>();
        foreach (var number in numbers)
        {
            ids[number] = found.GetValueOrDefault(ProjectBoardDocuments.Alias(number))?.Id
                ?? throw new TrackerNotFoundException(trackerName, $"issue #{number} of {repository}");
        }

        return ids;
    }

    private static async Task<string> AddItemAsync(
        GitHubGraphQlClient graphQl,
        string trackerName,
        ProjectBoard board,
        string contentId,
        string resource,
        CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["projectId"] = board.ProjectId, ["contentId"] = contentId };
        var data = await graphQl.SendAsync<AddItemData>(ProjectBoardDocuments.AddItem, variables, resource, cancellationToken).ConfigureAwait(false);
        return data.AddProjectV2ItemById?.Item?.Id
            ?? throw new TrackerProtocolException(trackerName, $"{resource} returned no item id");
    }

    private static async Task SetOptionAsync(
        GitHubGraphQlClient graphQl,
        string trackerName,
        ProjectBoard board,
        string itemId,
        FieldOption option,
        string resource,
        CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["projectId"] = board.ProjectId,
            ["itemId"] = itemId,
            ["fieldId"] = board.Field.Id,
            ["optionId"] = option.Id,
        };
        var data = await graphQl.SendAsync<SetOptionData>(ProjectBoardDocuments.SetOption, variables, resource, cancellationToken).ConfigureAwait(false);
        if (data.UpdateProjectV2ItemFieldValue?.ProjectV2Item?.Id is null)
        {
            throw new TrackerProtocolException(trackerName, $"{resource} returned no item");
        }
    }

    private void Record(string trackerName, List<string> writes, string write, bool dryRun)
    {
        writes.Add(write);
        if (dryRun)
        {
            ProjectBoardsLog.BoardWriteSkipped(logger, trackerName, write);
        }
        else
        {
            ProjectBoardsLog.BoardWritten(logger, trackerName, write);
        }
    }

    private TrackerRegistration Find(string tracker)
    {
        var registration = registrations.FirstOrDefault(r => string.Equals(r.Name, tracker, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"No tracker named '{tracker}' is configured (known: {string.Join(", ", registrations.Select(r => r.Name))})");
        return registration.Dialect.Capabilities.Contains(typeof(IProjectBoards))
            ? registration
            : throw new InvalidOperationException($"Tracker '{registration.Name}' is {registration.Kind}; GitHub project boards need a GitHub tracker");
    }

    private static (string Owner, string Name) SplitRepository(string repository)
    {
        var parts = repository.Split('/');
        return parts is [{ Length: > 0 } owner, { Length: > 0 } name]
            ? (owner, name)
            : throw new ArgumentException($"Repository '{repository}' is not of the form 'owner/repo'", nameof(repository));
    }
}
