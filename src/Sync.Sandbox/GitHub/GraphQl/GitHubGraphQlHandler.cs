using System.Text.Json.Nodes;
using Sync.Sandbox.GitLab.GraphQl;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub.GraphQl;

/// <summary>
/// POST /api/graphql of the GitHub emulation, serving only what IssueSync reads: <c>repository(owner, name)</c> →
/// <c>issue(number)</c> → <c>timelineItems(itemTypes, first|last)</c> with <c>MarkedAsDuplicateEvent</c> (its
/// <c>canonical</c> issue and <c>isCrossRepository</c>), the one place GitHub names the issue a duplicate was closed into
/// (GraphQL reference, objects <c>MarkedAsDuplicateEvent</c>: <c>canonical: IssueOrPullRequest</c>, <c>duplicate</c>,
/// <c>isCrossRepository</c>). Unknown fields are refused the way graphql-ruby words it ("Field 'x' doesn't exist on type
/// 'Y'"); a repository or issue that does not resolve is null with a NOT_FOUND error, as GitHub answers.
/// </summary>
internal static partial class GitHubGraphQlHandler
{
    public static ApiReply Execute(ApiRequest r)
    {
        if (r.Str("query") is not { Length: > 0 } query)
        {
            return Errors([Error("A query attribute must be specified and must be a string.")]);
        }

        var errors = new List<JsonObject>();
        try
        {
            var data = new JsonObject();
            var (fields, isMutation) = GqlDocument.ParseGitHub(query, r.Args["variables"] as JsonObject);
            foreach (var field in fields)
            {
                data[field.Key] = isMutation
                    ? Mutation(r, field, errors)
                    : field.Name switch
                    {
                        "repository" => Repository(r, field, errors),
                        "viewer" => Viewer(r, field),
                        "node" => Node(r, field, errors),
                        _ => throw Unknown(field, "Query"),
                    };
            }

            var answer = new JsonObject { ["data"] = data };
            if (errors.Count > 0)
            {
                answer["errors"] = new JsonArray([.. errors]);
            }

            return ApiReply.Ok(answer);
        }
        catch (GqlException ex)
        {
            var error = Error(ex.Message);
            if (ex.Line > 0)
            {
                error["locations"] = new JsonArray(new JsonObject { ["line"] = ex.Line, ["column"] = ex.Column });
            }

            return Errors([error]);
        }
    }

    private static JsonObject? Repository(ApiRequest r, GqlField field, List<JsonObject> errors)
    {
        var path = $"{field.Args.GetValueOrDefault("owner")}/{field.Args.GetValueOrDefault("name")}";
        if (r.Instance.FindProject(path) is not { } project)
        {
            errors.Add(NotFound($"Could not resolve to a Repository with the name '{path}'.", field.Name));
            return null;
        }

        return Select(field, "Repository", f => f.Name switch
        {
            "nameWithOwner" => project.Path,
            "issue" => Issue(project, f, errors),
            _ => RepositoryForum(r, project, f, errors),
        });
    }

    private static JsonObject? Issue(SandboxProject project, GqlField field, List<JsonObject> errors)
    {
        var number = field.Args.GetValueOrDefault("number")?.GetValue<long>() ?? 0;
        if (number is <= 0 or > int.MaxValue || project.FindIssue((int)number) is not { IsPullRequest: false } issue)
        {
            errors.Add(NotFound($"Could not resolve to an Issue with the number of {number}.", "repository", "issue"));
            return null;
        }

        return IssueObject(issue, field);
    }

    private static JsonObject IssueObject(SandboxIssue issue, GqlField field) => Select(field, "Issue", f => f.Name switch
    {
        "number" => issue.Number,
        "title" => issue.Title,
        "repository" => Select(f, "Repository", g => g.Name == "nameWithOwner" ? issue.Project.Path : throw Unknown(g, "Repository")),
        "timelineItems" => TimelineItems(issue, f),
        _ => throw Unknown(f, "Issue"),
    });

    /// <summary>The issue's duplicate mark as its only timeline item (the sandbox keeps no other events).</summary>
    private static JsonObject TimelineItems(SandboxIssue issue, GqlField field)
    {
        var types = field.Args.GetValueOrDefault("itemTypes") is JsonArray wanted ? wanted.Select(t => t?.GetValue<string>()).ToHashSet() : null;
        var items = new List<SandboxIssue>();
        if (issue.DuplicateOf is { } canonical && (types is null || types.Contains("MARKED_AS_DUPLICATE_EVENT")))
        {
            items.Add(canonical);
        }

        return Select(field, "IssueTimelineItemsConnection", f => f.Name switch
        {
            "totalCount" => items.Count,
            "nodes" => new JsonArray([.. items.Select(c => (JsonNode?)Select(f, "MarkedAsDuplicateEvent", e => e.Name switch
            {
                "canonical" => IssueObject(c, e),
                "isCrossRepository" => c.Project != issue.Project,
                "duplicate" => IssueObject(issue, e),
                _ => throw Unknown(e, "MarkedAsDuplicateEvent"),
            }))]),
            _ => throw Unknown(f, "IssueTimelineItemsConnection"),
        });
    }

    /// <summary>Renders a selection set on an object of <paramref name="type"/>: <c>__typename</c>, matching inline fragments, fields.</summary>
    private static JsonObject Select(GqlField field, string type, Func<GqlField, JsonNode?> resolve)
    {
        var result = new JsonObject();
        foreach (var f in field.Selections)
        {
            if (f.Name == GqlDocument.InlineFragment)
            {
                if (f.Args["on"]?.GetValue<string>() == type)
                {
                    foreach (var (name, value) in Select(f, type, resolve).ToList())
                    {
                        result[name] = value?.DeepClone();
                    }
                }
            }
            else
            {
                result[f.Key] = f.Name == "__typename" ? type : resolve(f);
            }
        }

        return result;
    }

    private static GqlException Unknown(GqlField field, string type) =>
        new($"Field '{field.Name}' doesn't exist on type '{type}'", field.Line, field.Column);

    private static JsonObject Error(string message) => new() { ["message"] = message };

    private static JsonObject NotFound(string message, params string[] path) => new()
    {
        ["type"] = "NOT_FOUND",
        ["path"] = new JsonArray([.. path.Select(p => (JsonNode?)p)]),
        ["message"] = message,
    };

    private static ApiReply Errors(IEnumerable<JsonObject> errors) => ApiReply.Ok(new JsonObject { ["errors"] = new JsonArray([.. errors]) });
}
