using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>/projects/:id/boards and their label lists.</summary>
internal static class GitLabBoardHandlers
{
    public static ApiReply List(ApiRequest r) =>
        Project(r) is { } p ? Page(r, p.Boards, b => Board(r.Instance, p, b)) : ProjectNotFound();

    public static ApiReply Get(ApiRequest r) => WithBoard(r, (p, b) => ApiReply.Ok(Board(r.Instance, p, b)));

    public static ApiReply Create(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (string.IsNullOrWhiteSpace(r.Str("name")))
        {
            return Missing("name");
        }

        var board = new SandboxBoard { Id = r.Instance.NextId(), Name = r.Str("name")! };
        p.Boards.Add(board);
        return ApiReply.Created(Board(r.Instance, p, board));
    }

    public static ApiReply Lists(ApiRequest r) =>
        WithBoard(r, (_, b) => ApiReply.Ok(new JsonArray([.. b.Lists.Select(l => (JsonNode?)BoardList(l))])));

    public static ApiReply CreateList(ApiRequest r) => WithBoard(r, (p, b) =>
    {
        if (r.Long("label_id") is not { } labelId)
        {
            return new ApiReply(400, new JsonObject { ["error"] = "label_id, assignee_id, milestone_id, iteration_id are missing, exactly one parameter must be provided" });
        }

        if (p.Labels.Find(l => l.Id == labelId) is not { } label)
        {
            return Error(404, "404 Label Not Found");
        }

        if (b.Lists.Exists(l => l.Label.Id == labelId))
        {
            return new ApiReply(400, new JsonObject { ["message"] = new JsonObject { ["label"] = new JsonArray("has already been taken") } });
        }

        var list = new SandboxBoardList { Id = r.Instance.NextId(), Label = label, Position = b.Lists.Count };
        b.Lists.Add(list);
        return ApiReply.Created(BoardList(list));
    });

    public static ApiReply MoveList(ApiRequest r) => WithList(r, (b, list) =>
    {
        if (r.Int("position") is not { } position)
        {
            return Missing("position");
        }

        b.Lists.Remove(list);
        b.Lists.Insert(Math.Clamp(position, 0, b.Lists.Count), list);
        Renumber(b);
        return ApiReply.Ok(BoardList(list));
    });

    public static ApiReply DeleteList(ApiRequest r) => WithList(r, (b, list) =>
    {
        b.Lists.Remove(list);
        Renumber(b);
        return ApiReply.NoContent();
    });

    private static void Renumber(SandboxBoard b)
    {
        for (var i = 0; i < b.Lists.Count; i++)
        {
            b.Lists[i].Position = i;
        }
    }

    private static JsonObject Board(SandboxInstance i, SandboxProject p, SandboxBoard b) => new()
    {
        ["id"] = b.Id,
        ["name"] = b.Name,
        ["hide_backlog_list"] = false,
        ["hide_closed_list"] = false,
        ["project"] = BasicProjectDetails(i, p),
        ["milestone"] = null,
        ["assignee"] = null,
        ["labels"] = new JsonArray(),
        ["weight"] = null,
        ["lists"] = new JsonArray([.. b.Lists.Select(l => (JsonNode?)BoardList(l))]),
    };

    // Entities::List (lib/api/entities/list.rb) shows id, label, position, and EE adds the three limits; list_type
    // and collapsed exist only in GraphQL, so REST answers carry neither.
    private static JsonObject BoardList(SandboxBoardList l) => new()
    {
        ["id"] = l.Id,
        ["label"] = new JsonObject
        {
            ["id"] = l.Label.Id, ["name"] = l.Label.Name, ["color"] = "#" + l.Label.Color, ["description"] = l.Label.Description,
        },
        ["position"] = l.Position,
        ["max_issue_count"] = 0,
        ["max_issue_weight"] = 0,
        ["limit_metric"] = null,
    };

    // Entities::Board shows its project as Entities::BasicProjectDetails (lib/api/entities/board.rb,
    // basic_project_details.rb): these fields of the full project, no more (board.json forbids others).
    private static readonly string[] BasicProjectFields =
    [
        "id", "description", "name", "name_with_namespace", "path", "path_with_namespace", "created_at", "default_branch", "tag_list", "topics",
        "ssh_url_to_repo", "http_url_to_repo", "web_url", "readme_url", "forks_count", "avatar_url", "star_count", "last_activity_at", "namespace",
    ];

    private static JsonObject BasicProjectDetails(SandboxInstance i, SandboxProject p)
    {
        var full = GitLabJson.Project(i, p);
        return new JsonObject(BasicProjectFields.Select(k => KeyValuePair.Create(k, full[k]?.DeepClone())));
    }

    private static ApiReply WithBoard(ApiRequest r, Func<SandboxProject, SandboxBoard, ApiReply> then)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        return r.RouteLong("board_id") is { } id && p.Boards.Find(b => b.Id == id) is { } board ? then(p, board) : Error(404, "404 Board Not Found");
    }

    private static ApiReply WithList(ApiRequest r, Func<SandboxBoard, SandboxBoardList, ApiReply> then) => WithBoard(r, (_, b) =>
        r.RouteLong("list_id") is { } id && b.Lists.Find(l => l.Id == id) is { } list ? then(b, list) : Error(404, "404 List Not Found"));
}
