using System.Text;
using System.Text.Json.Nodes;
using Sync.Sandbox.GitLab.GraphQl;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub.GraphQl;

/// <summary>
/// GitHub Discussions over GraphQL, as far as IssueSync's forum client asks (docs.github.com/graphql/reference/objects
/// #discussion, #discussioncomment, #discussioncategory, #reaction; docs.github.com/graphql/guides/using-the-graphql-api-for-discussions):
/// <c>repository { discussionCategories, discussions(categoryId, states, orderBy, first, after), discussion(number), labels }</c>,
/// <c>node(id)</c> for a comment's further replies, <c>viewer</c>, and the mutations <c>addDiscussionComment</c>,
/// <c>closeDiscussion</c> (DiscussionCloseReason DUPLICATE, OUTDATED, RESOLVED) and <c>lockLockable</c>. Connections need
/// <c>first</c> (1 to 100) as GitHub's node limits require ("Rate limits and query limits for the GraphQL API"), and page
/// with opaque cursors; what does not resolve is null with a NOT_FOUND error whose path is the answer's keys.
/// </summary>
internal static partial class GitHubGraphQlHandler
{
    private const int MaxPage = 100;

    private static JsonNode? RepositoryForum(ApiRequest r, SandboxProject project, GqlField f, List<JsonObject> errors) => f.Name switch
    {
        "id" => "R_kgDO" + project.Id,
        "discussionCategories" => Connection(f, "DiscussionCategoryConnection", project.Forum.Categories, (g, c) => Category(g, c)),
        "discussions" => Discussions(r, project, f, errors),
        "discussion" => DiscussionByNumber(r, project, f, errors),
        "labels" => Connection(f, "LabelConnection", project.Labels, Label),
        _ => throw Unknown(f, "Repository"),
    };

    private static JsonObject? Discussions(ApiRequest r, SandboxProject project, GqlField f, List<JsonObject> errors)
    {
        IEnumerable<SandboxDiscussion> all = project.Forum.Discussions;
        if (f.Args.GetValueOrDefault("categoryId")?.GetValue<string>() is { } categoryId)
        {
            if (project.Forum.Categories.FirstOrDefault(c => c.NodeId == categoryId) is not { } category)
            {
                errors.Add(NotFound($"Could not resolve to a node with the global id of '{categoryId}'", "repository", f.Key));
                return null;
            }

            all = all.Where(d => d.Category == category);
        }

        if (f.Args.GetValueOrDefault("states") is JsonArray { Count: > 0 } states)
        {
            var wanted = states.Select(s => s?.GetValue<string>()).ToHashSet();
            all = all.Where(d => wanted.Contains(d.Closed ? "CLOSED" : "OPEN"));
        }

        if (f.Args.GetValueOrDefault("answered") is JsonValue answered && answered.TryGetValue<bool>(out var isAnswered))
        {
            all = all.Where(d => (d.Answer is not null) == isAnswered);
        }

        // Default order: {field: UPDATED_AT, direction: DESC} (Repository.discussions' signature); ties by number.
        var order = f.Args.GetValueOrDefault("orderBy") as JsonObject;
        var byCreated = order?["field"]?.GetValue<string>() == "CREATED_AT";
        var ascending = order?["direction"]?.GetValue<string>() == "ASC";
        Func<SandboxDiscussion, DateTimeOffset> key = byCreated ? d => d.CreatedAt : d => d.UpdatedAt;
        var sorted = ascending ? all.OrderBy(key).ThenBy(d => d.Number) : all.OrderByDescending(key).ThenByDescending(d => d.Number);
        return Connection(f, "DiscussionConnection", sorted.ToList(), (g, d) => Discussion(r, d, g));
    }

    private static JsonObject? DiscussionByNumber(ApiRequest r, SandboxProject project, GqlField f, List<JsonObject> errors)
    {
        var number = f.Args.GetValueOrDefault("number")?.GetValue<long>() ?? 0;
        if (number is <= 0 or > int.MaxValue || project.Forum.Find((int)number) is not { } discussion)
        {
            errors.Add(NotFound($"Could not resolve to a Discussion with the number of {number}.", "repository", f.Key));
            return null;
        }

        return Discussion(r, discussion, f);
    }

    private static JsonObject Discussion(ApiRequest r, SandboxDiscussion d, GqlField field) => Select(field, "Discussion", f => f.Name switch
    {
        "id" => d.NodeId,
        "databaseId" => d.Id,
        "number" => d.Number,
        "title" => d.Title,
        "body" => d.Body,
        "url" => $"{r.Instance.WebUrl}{d.Project.Path}/discussions/{d.Number}",
        "createdAt" => JsonTime.HubTime(d.CreatedAt),
        "updatedAt" => JsonTime.HubTime(d.UpdatedAt),
        "closed" => d.Closed,
        "closedAt" => JsonTime.HubTime(d.ClosedAt),
        "locked" => d.Locked,
        "stateReason" => d.StateReason,
        "isAnswered" => d.Answer is not null,
        "upvoteCount" => d.Upvoters.Count,
        "author" => Actor(f, d.Author),
        "category" => Category(f, d.Category),
        "repository" => Select(f, "Repository", g => g.Name == "nameWithOwner" ? d.Project.Path : throw Unknown(g, "Repository")),
        "labels" => Connection(f, "LabelConnection", d.Labels.Select(l => d.Project.FindLabel(l)).OfType<SandboxLabel>().ToList(), Label),
        "comments" => Connection(f, "DiscussionCommentConnection", d.Comments, Comment),
        "reactions" => Reactions(f, d.Reactions),
        _ => throw Unknown(f, "Discussion"),
    });

    private static JsonObject Comment(GqlField field, SandboxDiscussionComment c) => Select(field, "DiscussionComment", f => f.Name switch
    {
        "id" => c.NodeId,
        "databaseId" => c.Id,
        "body" => c.Body,
        "createdAt" => JsonTime.HubTime(c.CreatedAt),
        "updatedAt" => JsonTime.HubTime(c.UpdatedAt),
        "isMinimized" => c.IsMinimized,
        "isAnswer" => c.Discussion.Answer == c,
        "author" => Actor(f, c.Author),
        "replyTo" => c.Parent is { } parent ? Comment(f, parent) : null,

        // Replies do not nest: a reply's own replies connection is empty.
        "replies" => Connection(f, "DiscussionCommentConnection", c.Replies, Comment),
        _ => throw Unknown(f, "DiscussionComment"),
    });

    private static JsonObject Reactions(GqlField field, List<SandboxAward> reactions)
    {
        var content = field.Args.GetValueOrDefault("content")?.GetValue<string>();
        var chosen = reactions.Where(x => content is null || x.Name == content).ToList();
        return Connection(field, "ReactionConnection", chosen, (g, x) => Select(g, "Reaction", f => f.Name switch
        {
            "databaseId" => x.Id,
            "content" => x.Name,
            "createdAt" => JsonTime.HubTime(x.CreatedAt),
            "user" => Actor(f, x.User),
            _ => throw Unknown(f, "Reaction"),
        }));
    }

    private static JsonObject Category(GqlField field, SandboxDiscussionCategory c) => Select(field, "DiscussionCategory", f => f.Name switch
    {
        "id" => c.NodeId,
        "name" => c.Name,
        "slug" => c.Slug,
        "isAnswerable" => c.IsAnswerable,
        _ => throw Unknown(f, "DiscussionCategory"),
    });

    private static JsonObject Label(GqlField field, SandboxLabel l) => Select(field, "Label", f => f.Name switch
    {
        "id" => "LA_kwDO" + l.Id,
        "name" => l.Name,
        "color" => l.Color,
        "description" => l.Description,
        _ => throw Unknown(f, "Label"),
    });

    /// <summary>An author or reacting user; a deleted account is null, as GitHub answers it.</summary>
    private static JsonObject? Actor(GqlField field, SandboxUser? user) => user is null ? null : Select(field, "User", f => f.Name switch
    {
        "login" => user.Username,
        "databaseId" => user.Id,
        "id" => "U_kgDO" + user.Id,
        _ => throw Unknown(f, "User"),
    });

    private static JsonObject Viewer(ApiRequest r, GqlField field) => Actor(field, r.User)!;

    private static JsonObject? Node(ApiRequest r, GqlField field, List<JsonObject> errors)
    {
        var id = field.Args.GetValueOrDefault("id")?.GetValue<string>() ?? string.Empty;
        if (r.Instance.FindDiscussionCommentByNodeId(id) is { } comment)
        {
            return Comment(field, comment);
        }

        if (r.Instance.FindDiscussionByNodeId(id) is { } discussion)
        {
            return Discussion(r, discussion, field);
        }

        errors.Add(NotFound($"Could not resolve to a node with the global id of '{id}'", field.Key));
        return null;
    }

    /// <summary>
    /// A connection page: <c>first</c> is required and at most 100, <c>after</c> an opaque cursor of this sandbox; a
    /// request outside that is refused as GitHub refuses it before running anything.
    /// </summary>
    private static JsonObject Connection<T>(GqlField field, string type, IReadOnlyList<T> all, Func<GqlField, T, JsonNode?> node)
    {
        if (field.Args.ContainsKey("last") || field.Args.ContainsKey("before"))
        {
            throw new GqlException($"The sandbox pages `{field.Name}` forward only (first/after)", field.Line, field.Column);
        }

        if (field.Args.GetValueOrDefault("first") is not JsonValue firstValue || !firstValue.TryGetValue<long>(out var first))
        {
            throw new GqlException($"You must provide a `first` or `last` value to properly paginate the `{field.Name}` connection.", field.Line, field.Column);
        }

        if (first is < 1 or > MaxPage)
        {
            throw new GqlException($"Requesting {first} records on the `{field.Name}` connection exceeds the `first` limit of {MaxPage} records.", field.Line, field.Column);
        }

        var start = 0;
        if (field.Args.GetValueOrDefault("after")?.GetValue<string>() is { } after)
        {
            start = ReadCursor(after) is { } index ? index + 1 : throw new GqlException($"`{after}` does not appear to be a valid cursor.", field.Line, field.Column);
        }

        var page = all.Skip(start).Take((int)first).ToList();
        return Select(field, type, f => f.Name switch
        {
            "totalCount" => all.Count,
            "pageInfo" => Select(f, "PageInfo", p => p.Name switch
            {
                "hasNextPage" => start + page.Count < all.Count,
                "hasPreviousPage" => start > 0,
                "startCursor" => page.Count == 0 ? null : Cursor(start),
                "endCursor" => page.Count == 0 ? null : Cursor(start + page.Count - 1),
                _ => throw Unknown(p, "PageInfo"),
            }),
            "nodes" => new JsonArray([.. page.Select(x => node(f, x))]),
            _ => throw Unknown(f, type),
        });
    }

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:v2:" + index));

    private static int? ReadCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("cursor:v2:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(10), out var index) && index >= 0 ? index : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
