using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>Reads a project, its single-select field and all its items (100 per request) into a <see cref="ProjectBoard"/>.</summary>
internal sealed class ProjectBoardReader(string trackerName, GitHubGraphQlClient graphQl)
{
    public async Task<(ProjectBoard Board, int Pages)> ReadAsync(ProjectBoardTarget target, CancellationToken cancellationToken)
    {
        var project = ProjectBoardWrites.ProjectName(target);
        var resource = $"GitHub project {project}";
        string? cursor = null;
        string? projectId = null;
        SingleSelectField? field = null;
        var items = new Dictionary<long, BoardItem>();
        var pages = 0;
        do
        {
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["owner"] = target.Owner,
                ["number"] = ProjectBoardDocuments.ToGraphQlInt(target.Number),
                ["field"] = target.Field,
                ["cursor"] = cursor,
            };
            var data = await graphQl.SendAsync<BoardData>(ProjectBoardDocuments.Board, variables, resource, cancellationToken, IsItemContentError)
                .ConfigureAwait(false);
            var board = data.RepositoryOwner?.ProjectV2 ?? throw new TrackerNotFoundException(trackerName, resource);
            pages++;
            projectId ??= board.Id;
            field ??= ReadField(board.Field, target, project);
            foreach (var node in board.Items.Nodes ?? [])
            {
                if (node?.Content is { Number: { } number, Repository.NameWithOwner: { } repository }
                    && string.Equals(node.Content.TypeName, "Issue", StringComparison.Ordinal)
                    && string.Equals(repository, target.Repository, StringComparison.OrdinalIgnoreCase))
                {
                    var optionId = node.FieldValueByName?.OptionId;
                    items[number] = new BoardItem(node.Id, optionId);
                }
            }

            cursor = board.Items.PageInfo is { HasNextPage: true, EndCursor: { Length: > 0 } next } ? next : null;
        }
        while (cursor is not null);

        return (new ProjectBoard(projectId, field, items), pages);
    }

    // An item whose content the token may not see (a private repository elsewhere) comes back with content null
    // and an error at ...items.nodes.N.content; such items are not ours to manage, so the rest of the board still counts.
    private static bool IsItemContentError(GraphQlError error)
    {
        var path = error.PathSegments;
        return path.Count >= 2 && path[^1] == "content" && path.Contains("items") && !string.Equals(error.Type, "RATE_LIMITED", StringComparison.OrdinalIgnoreCase);
    }

    private SingleSelectField ReadField(BoardField? field, ProjectBoardTarget target, string project)
    {
        if (field is not { TypeName: "ProjectV2SingleSelectField", Id: { } id, Name: { } name })
        {
            throw new TrackerValidationException(
                trackerName,
                ProjectBoardWrites.ConfigurationStatus,
                $"GitHub project {project} has no single-select field '{target.Field}'");
        }

        return new SingleSelectField(id, name, [.. (field.Options ?? []).Select(o => new FieldOption(o.Id, o.Name))]);
    }
}
