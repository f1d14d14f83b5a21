namespace Sync.Worker.Trackers;

/// <summary>
/// Normalises a request to a tracker-neutral endpoint kind (<c>issues.list</c>, <c>notes.create</c>, ...),
/// so request budgets read the same for GitLab and GitHub. Ids, project paths and label names are dropped.
/// </summary>
internal static class EndpointKinds
{
    public const string User = "user";
    public const string IssuesList = "issues.list";
    public const string IssuesGet = "issues.get";
    public const string IssuesCreate = "issues.create";
    public const string IssuesEdit = "issues.edit";
    public const string NotesList = "notes.list";
    public const string NotesCreate = "notes.create";
    public const string ReactionsList = "reactions.list";
    public const string LabelsList = "labels.list";
    public const string GraphQl = "graphql";
    public const string Other = "other";

    // Resource nouns of both APIs, mapped to the shared vocabulary.
    private static readonly Dictionary<string, string> Nouns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["issues"] = "issues",
        ["notes"] = "notes",
        ["comments"] = "notes",
        ["award_emoji"] = "reactions",
        ["reactions"] = "reactions",
        ["labels"] = "labels",
        ["milestones"] = "milestones",
        ["boards"] = "boards",
        ["lists"] = "board_lists",
        ["uploads"] = "uploads",
        ["members"] = "members",
        ["assignees"] = "assignees",
        ["events"] = "events",
        ["resource_label_events"] = "events",
        ["timeline"] = "events",

        // Discourse (a forum's topics are its ideas, posts its replies, the voting plugin's voters its reactions).
        ["t"] = "issues",
        ["latest"] = "issues",
        ["posts"] = "notes",
        ["voting"] = "reactions",
        ["who"] = "reactions",
        ["categories"] = "categories",
    };

    // Action segments that end a path (GitLab POST .../issues/:iid/move).
    private static readonly HashSet<string> Actions = new(StringComparer.OrdinalIgnoreCase) { "move", "clone", "subscribe", "unsubscribe" };

    /// <summary>Classifies <paramref name="path"/> (absolute path of the request) relative to the API root path.</summary>
    public static string Classify(string method, string path, string apiRootPath)
    {
        if (IsSiblingGraphQl(path, apiRootPath))
        {
            return GraphQl;
        }

        var relative = path.StartsWith(apiRootPath, StringComparison.OrdinalIgnoreCase) ? path[apiRootPath.Length..] : path;
        // Discourse's JSON routes are its pages plus ".json" (/t/123.json, /posts.json); no GitLab or GitHub route ends so.
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? s[..^".json".Length] : s).ToArray();
        if (segments is ["session", "current"])
        {
            return User;
        }

        var start = 0;
        if (segments.Length > 0 && segments[0].Equals("projects", StringComparison.OrdinalIgnoreCase))
        {
            start = 2; // projects/:id (the id is a number or an encoded path)
        }
        else if (segments.Length > 0 && segments[0].Equals("repos", StringComparison.OrdinalIgnoreCase))
        {
            start = 3; // repos/:owner/:repo
        }
        else if (segments.Length > 0 && segments[0].Equals("repositories", StringComparison.OrdinalIgnoreCase))
        {
            start = 2; // repositories/:id, the form of GitHub's page links
        }

        var rest = segments.Length > start ? segments[start..] : [];
        if (rest.Length == 0)
        {
            return start == 0 && segments.Length == 0 ? Other : Verb("projects", method, endsWithId: start > 0);
        }

        if (start == 0 && rest.Length == 1)
        {
            if (rest[0].Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                return User;
            }

            if (rest[0].Equals("graphql", StringComparison.OrdinalIgnoreCase))
            {
                return GraphQl;
            }
        }

        if (Actions.Contains(rest[^1]))
        {
            var owner = rest.Take(rest.Length - 1).Select(Noun).LastOrDefault(n => n is not null) ?? "projects";
            return $"{owner}.{rest[^1].ToLowerInvariant()}";
        }

        var nouns = rest.Select(Noun).ToList();
        var last = nouns.LastOrDefault(n => n is not null);
        if (last is null)
        {
            return Other;
        }

        // GitHub's labels of one issue (POST/DELETE .../issues/:n/labels) are not the project's label set.
        var nounIndex = nouns.LastIndexOf(last);
        if (last == "labels" && nounIndex > 0 && nouns.Take(nounIndex).Contains("issues"))
        {
            last = "issue_labels";
        }

        return Verb(last, method, endsWithId: nouns[^1] is null);
    }

    // GitHub Enterprise serves GraphQL at .../api/graphql, beside (not under) the REST root .../api/v3/; GitLab at
    // .../api/graphql beside .../api/v4/ (doc/api/graphql/index.md).
    private static bool IsSiblingGraphQl(string path, string apiRootPath) =>
        (apiRootPath.EndsWith("/v3/", StringComparison.OrdinalIgnoreCase) || apiRootPath.EndsWith("/v4/", StringComparison.OrdinalIgnoreCase))
        && path.TrimEnd('/').Equals(apiRootPath[..^"v3/".Length] + "graphql", StringComparison.OrdinalIgnoreCase);

    private static string? Noun(string segment) => Nouns.GetValueOrDefault(segment);

    private static string Verb(string noun, string method, bool endsWithId) => method.ToUpperInvariant() switch
    {
        "GET" or "HEAD" => endsWithId ? $"{noun}.get" : $"{noun}.list",
        "POST" => $"{noun}.create",
        "PUT" or "PATCH" => $"{noun}.edit",
        "DELETE" => $"{noun}.delete",
        _ => $"{noun}.{method.ToLowerInvariant()}",
    };
}
