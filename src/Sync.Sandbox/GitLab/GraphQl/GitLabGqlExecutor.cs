using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab.GraphQl;

/// <summary>
/// Answers a validated query from the instance's state: <c>project(fullPath:)</c>, its <c>issues</c> connection
/// (state, iids, sort, keyset cursors, paged forwards or backwards) and each issue's <c>awardEmoji</c> connection
/// (oldest first, by award id, as GitLab's <c>Awardable</c> declares it: <c>has_many :award_emoji, -> { includes(:user).order(:id) }</c>), in GitLab's JSON shape
/// (global ids <c>gid://gitlab/User/5</c>, iids as strings, ISO 8601 times).
/// </summary>
internal static class GitLabGqlExecutor
{
    /// <param name="viewer">The token's user: a private project they are not a member of resolves to null, as GitLab
    /// authorizes <c>Query.project</c> (<c>read_project</c>) and answers null rather than an error.</param>
    public static JsonObject Run(SandboxInstance instance, SandboxUser viewer, IReadOnlyList<GqlField> selections)
    {
        var data = new JsonObject();
        foreach (var field in selections)
        {
            // Only Query.project is declared on the root (see GitLabGqlSchema).
            var path = field.Args.GetValueOrDefault("fullPath")?.GetValue<string>() ?? throw Argument(field, "fullPath", "null", "ID!");
            data[field.Name] = instance.FindProject(path) is { } project && instance.CanRead(viewer, project) ? Project(project, field.Selections) : null;
        }

        return data;
    }

    private static JsonObject Project(SandboxProject project, IReadOnlyList<GqlField> selections) => Select(selections, f => f.Name switch
    {
        "id" => $"gid://gitlab/Project/{project.Id}",
        "fullPath" => project.Path,
        _ => Issues(project, f),
    });

    private static JsonObject Issues(SandboxProject project, GqlField field)
    {
        IEnumerable<SandboxIssue> issues = project.Issues.Where(i => !i.IsPullRequest);
        issues = Text(field, "state") switch
        {
            null or "all" => issues,
            "opened" => issues.Where(i => !i.Closed),
            "closed" => issues.Where(i => i.Closed),
            "locked" => issues.Where(i => !i.Closed && i.Locked),
            var other => throw Argument(field, "state", other, "IssuableState"),
        };
        var iids = field.Args.GetValueOrDefault("iids") is JsonArray list ? list.Select(n => n?.ToString()).ToHashSet(StringComparer.Ordinal) : null;
        if (Text(field, "iid") is { } iid)
        {
            iids = [iid];
        }

        if (iids is not null)
        {
            issues = issues.Where(i => iids.Contains(i.Number.ToString(CultureInfo.InvariantCulture)));
        }

        // Keyset order: the sort column, then the id, as GitLab's keyset paginator does.
        var sort = Text(field, "sort") ?? "CREATED_DESC";
        var (byUpdate, ascending) = sort switch
        {
            "CREATED_DESC" or "created_desc" => (false, false),
            "CREATED_ASC" or "created_asc" => (false, true),
            "UPDATED_DESC" or "updated_desc" => (true, false),
            "UPDATED_ASC" or "updated_asc" => (true, true),
            _ => throw Argument(field, "sort", sort, "IssueSort"),
        };
        Func<SandboxIssue, DateTimeOffset> key = byUpdate ? i => i.UpdatedAt : i => i.CreatedAt;
        var sorted = ascending ? issues.OrderBy(key).ThenBy(i => i.Id) : issues.OrderByDescending(key).ThenByDescending(i => i.Id);
        return Connection(field, sorted.ToList(), i => (key(i).UtcTicks, i.Id), ascending, (i, nodes) => Issue(i, nodes));
    }

    private static JsonObject Issue(SandboxIssue issue, IReadOnlyList<GqlField> selections) => Select(selections, f => f.Name switch
    {
        "id" => $"gid://gitlab/Issue/{issue.Id}",
        "iid" => issue.Number.ToString(CultureInfo.InvariantCulture),
        "title" => issue.Title,
        "state" => issue.Closed ? "closed" : "opened",
        "createdAt" => JsonTime.HubTime(issue.CreatedAt),
        "updatedAt" => JsonTime.HubTime(issue.UpdatedAt),
        "upvotes" => issue.Upvotes,
        "downvotes" => issue.Downvotes,
        "author" => User(issue.Author, f.Selections),
        "notes" => Notes(issue, f),
        _ => Awards(f, issue.Awards),
    });

    // Issue.notes (NoteableInterface) in creation order, system notes included.
    private static JsonObject Notes(SandboxIssue issue, GqlField field) =>
        Connection(field, [.. issue.Notes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)], n => (n.CreatedAt.UtcTicks, n.Id), true, (n, nodes) => Note(n, nodes));

    private static JsonObject Note(SandboxNote note, IReadOnlyList<GqlField> selections) => Select(selections, f => f.Name switch
    {
        "id" => $"gid://gitlab/Note/{note.Id}",
        "body" => note.Body,
        "system" => note.System,
        "internal" => note.Internal,
        "createdAt" => JsonTime.HubTime(note.CreatedAt),
        "author" => User(note.Author, f.Selections),
        _ => Awards(f, note.Awards),
    });

    private static JsonObject Awards(GqlField field, List<SandboxAward> awards) =>
        Connection(field, awards.OrderBy(a => a.Id).ToList(), a => (0L, a.Id), true, (a, nodes) => Award(a, nodes));

    private static JsonObject Award(SandboxAward award, IReadOnlyList<GqlField> selections) => Select(selections, f => f.Name switch
    {
        "name" => award.Name,
        "description" => award.Name.Replace('_', ' '),
        "emoji" or "unicode" => award.Name,
        "unicodeVersion" => "6.0",
        _ => User(award.User, f.Selections),
    });

    private static JsonObject User(SandboxUser user, IReadOnlyList<GqlField> selections) => Select(selections, f => f.Name switch
    {
        "id" => $"gid://gitlab/User/{user.Id}",
        "username" => user.Username,
        _ => user.Name,
    });

    /// <summary>
    /// One page of <paramref name="all"/> between the <c>after</c> and <c>before</c> cursors: the first <c>first</c>
    /// items, then the last <c>last</c> of those (the Relay rule graphql-ruby follows), at most 100 (GitLab caps a
    /// larger page). <c>hasPreviousPage</c> tells items left out before the page (by <c>last</c> or <c>after</c>),
    /// <c>hasNextPage</c> items left out after it (by <c>first</c> or <c>before</c>).
    /// </summary>
    private static JsonObject Connection<T>(
        GqlField field, List<T> all, Func<T, (long Key, long Id)> keyOf, bool ascending, Func<T, IReadOnlyList<GqlField>, JsonNode> render)
    {
        var window = all;
        if (Text(field, "after") is { } after)
        {
            var cursor = ReadCursor(field, after);
            window = [.. window.Where(x => ascending ? keyOf(x).CompareTo(cursor) > 0 : keyOf(x).CompareTo(cursor) < 0)];
        }

        var afterSkipped = window.Count < all.Count;
        var sinceAfter = window.Count;
        if (Text(field, "before") is { } before)
        {
            var cursor = ReadCursor(field, before);
            window = [.. window.Where(x => ascending ? keyOf(x).CompareTo(cursor) < 0 : keyOf(x).CompareTo(cursor) > 0)];
        }

        var beforeSkipped = window.Count < sinceAfter;

        // Relay's slicing, as graphql-ruby does it: first, then last of what is left.
        var first = GitLabGqlSchema.Number(field, "first");
        var last = GitLabGqlSchema.Number(field, "last");
        var start = 0;
        var end = first is not null || last is null
            ? Math.Min(window.Count, (int)Math.Clamp(first ?? GitLabGqlSchema.MaxPageSize, 0, GitLabGqlSchema.MaxPageSize))
            : window.Count;
        if (last is not null)
        {
            start = Math.Max(0, end - (int)Math.Clamp(last.Value, 0, GitLabGqlSchema.MaxPageSize));
        }

        var page = window[start..end];
        var hasNext = end < window.Count || beforeSkipped;
        var hasPrevious = start > 0 || afterSkipped;
        return Select(field.Selections, f => f.Name switch
        {
            "count" => all.Count,
            "nodes" => new JsonArray([.. page.Select(x => (JsonNode?)render(x, f.Selections))]),
            _ => Select(f.Selections, p => p.Name switch
            {
                "hasNextPage" => hasNext,
                "hasPreviousPage" => hasPrevious,
                "startCursor" => page.Count > 0 ? Cursor(keyOf(page[0])) : null,
                _ => page.Count > 0 ? Cursor(keyOf(page[^1])) : null,
            }),
        });
    }

    private static string Cursor((long Key, long Id) key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { key = key.Key.ToString(CultureInfo.InvariantCulture), id = key.Id.ToString(CultureInfo.InvariantCulture) })));

    private static (long Key, long Id) ReadCursor(GqlField field, string cursor)
    {
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(cursor));
            return (long.Parse(doc.RootElement.GetProperty("key").GetString()!, CultureInfo.InvariantCulture),
                long.Parse(doc.RootElement.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new GqlException("Please provide a valid cursor", field.Line, field.Column);
        }
    }

    private static JsonObject Select(IReadOnlyList<GqlField> selections, Func<GqlField, JsonNode?> value)
    {
        var result = new JsonObject();
        foreach (var field in selections)
        {
            result[field.Name] = value(field);
        }

        return result;
    }

    private static string? Text(GqlField field, string name) => field.Args.GetValueOrDefault(name) is JsonValue v ? v.ToString() : null;

    private static GqlException Argument(GqlField field, string name, string value, string type) =>
        new($"Argument '{name}' on Field '{field.Name}' has an invalid value ({value}). Expected type '{type}'.", field.Line, field.Column);
}
