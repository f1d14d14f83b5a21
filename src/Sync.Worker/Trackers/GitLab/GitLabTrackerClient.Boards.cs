using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// /projects/:id/boards and their label lists. Requests made by <see cref="EnsureBoardAsync"/>:
/// board already right = 2 (GET boards, GET lists), no writes; each missing list adds one POST, plus one GET of
/// the project labels (once) and one POST per label the project lacks; each list out of place adds one PUT;
/// a missing board costs a POST instead of the GET of its lists.
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    /// <summary>GitLab's own default label colour, used for labels a board needs but the project lacks.</summary>
    internal const string NeutralLabelColor = "#6699CC";

    public async Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardName);
        ArgumentNullException.ThrowIfNull(listLabels);
        if (listLabels.Distinct(StringComparer.OrdinalIgnoreCase).Count() != listLabels.Count)
        {
            throw new ArgumentException("Board list labels must be distinct", nameof(listLabels));
        }

        var boards = ProjectSegment(projectPath) + "/boards";
        var board = await FindBoardAsync(projectPath, boards, boardName, cancellationToken).ConfigureAwait(false);
        var boardCreated = board is null;
        board ??= await SendAsync<GitLabBoardDto>(HttpMethod.Post, boards, new JsonObject { ["name"] = boardName }, $"new board in {projectPath}", cancellationToken)
            .ConfigureAwait(false);

        var listsPath = $"{boards}/{Id(board.Id)}/lists";
        var resource = $"lists of board '{boardName}' in {projectPath}";

        // A board just created has no label lists yet; its answer says so without another GET.
        var current = boardCreated
            ? [.. board.Lists ?? []]
            : await ListAllAsync<GitLabBoardListDto>(listsPath, string.Empty, resource, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var order = current.Where(l => l.Label is not null).OrderBy(l => l.Position ?? int.MaxValue).ToList();

        var missing = listLabels.Where(name => !order.Exists(l => Same(l.Label!.Name, name))).ToList();
        if (missing.Count > 0)
        {
            var projectLabels = await ListLabelDtosAsync(projectPath, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in missing)
            {
                var label = projectLabels.Find(l => Same(l.Name, name))
                    ?? await CreateLabelDtoAsync(projectPath, new TrackerLabel(name, NeutralLabelColor), cancellationToken).ConfigureAwait(false);
                var list = await SendAsync<GitLabBoardListDto>(HttpMethod.Post, listsPath, new JsonObject { ["label_id"] = label.Id }, resource, cancellationToken)
                    .ConfigureAwait(false);
                order.Add(list with { Label = list.Label ?? label });
            }
        }

        var moved = 0;
        for (var position = 0; position < listLabels.Count; position++)
        {
            var at = order.FindIndex(l => Same(l.Label!.Name, listLabels[position]));
            if (at == position)
            {
                continue;
            }

            // GitLab shifts the lists in between, as this local model does, so later checks see the real order.
            var list = order[at];
            await SendAsync<GitLabBoardListDto>(HttpMethod.Put, $"{listsPath}/{Id(list.Id)}", new JsonObject { ["position"] = position }, resource, cancellationToken)
                .ConfigureAwait(false);
            order.RemoveAt(at);
            order.Insert(position, list);
            moved++;
        }

        GitLabLog.BoardEnsured(logger, Name, projectPath, boardName, missing.Count, moved, boardCreated);
        return new TrackerBoard(board.Id, board.Name ?? boardName, [.. order.Select(l => l.Label!.Name)]);
    }

    private async Task<GitLabBoardDto?> FindBoardAsync(string projectPath, string boards, string boardName, CancellationToken cancellationToken)
    {
        await foreach (var board in ListAllAsync<GitLabBoardDto>(boards, string.Empty, $"boards of {projectPath}", cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(board.Name, boardName, StringComparison.Ordinal))
            {
                return board;
            }
        }

        return null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
