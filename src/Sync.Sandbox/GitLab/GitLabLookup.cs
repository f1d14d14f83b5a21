using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>Route lookups and GitLab's error and paging conventions shared by the GitLab handlers.</summary>
internal static class GitLabLookup
{
    /// <summary>GitLab stops counting above this many results: no x-total, x-total-pages or rel="last".</summary>
    private const int CountLimit = 10_000;

    public static ApiReply Error(int status, string message) => new(status, new JsonObject { ["message"] = message });

    public static ApiReply Missing(string parameter) => new(400, new JsonObject { ["error"] = $"{parameter} is missing" });

    public static ApiReply ProjectNotFound() => Error(404, "404 Project Not Found");

    /// <summary>
    /// The route's project, or null (answered "404 Project Not Found") when it does not exist or is private and the
    /// token's user is not a member: GitLab hides such a project (<c>lib/api/helpers.rb</c> <c>find_project!</c>:
    /// <c>can?(current_user, :read_project, project)</c> else <c>not_found!('Project')</c>; doc/api/issues.md: "If a user
    /// is not a member of a private project, a GET request on that project results in a 404 status code").
    /// </summary>
    public static SandboxProject? Project(ApiRequest r) =>
        r.Instance.FindProject(r.Route("id")) is { } p && r.Instance.CanRead(r.User, p) ? p : null;

    public static SandboxIssue? Issue(ApiRequest r, SandboxProject p) =>
        r.RouteInt("iid") is { } iid && p.FindIssue(iid) is { IsPullRequest: false } issue ? issue : null;

    /// <summary>Answers one page with x-page, x-per-page, x-next-page, x-prev-page, x-total(-pages) and Link.</summary>
    /// <param name="readable">Applied after paginating, as GitLab's notes API drops notes the user may not read: a page
    /// may then be short, or empty, while its headers still announce the next one.</param>
    public static ApiReply Page<T>(ApiRequest r, IReadOnlyList<T> all, Func<T, JsonNode> render, Func<T, bool>? readable = null)
    {
        var page = r.Page;
        var perPage = r.PerPage(20);
        var items = Paging.Slice(all, page, perPage).Where(i => readable?.Invoke(i) ?? true).ToList();
        var totalPages = Paging.TotalPages(all.Count, perPage);
        var counted = all.Count <= CountLimit;
        int? next = page < totalPages ? page + 1 : null;
        int? prev = page > 1 ? page - 1 : null;
        var reply = ApiReply.Ok(new JsonArray([.. items.Select(i => (JsonNode?)render(i))]));
        reply.Headers["x-page"] = page.ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-per-page"] = perPage.ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-next-page"] = next?.ToString(CultureInfo.InvariantCulture) ?? "";
        reply.Headers["x-prev-page"] = prev?.ToString(CultureInfo.InvariantCulture) ?? "";
        if (counted)
        {
            reply.Headers["x-total"] = all.Count.ToString(CultureInfo.InvariantCulture);
            reply.Headers["x-total-pages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        }

        reply.Headers["Link"] = Paging.Link(r.Http.Request, perPage, next, prev, 1, counted ? totalPages : null);
        return reply;
    }
}
