using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub;

/// <summary>Route lookups and GitHub's paging convention (Link header only, absent for a single page).</summary>
internal static partial class GitHubLookup
{
    public static ApiReply NotFound() => GitHubDialect.Error(404, "Not Found");

    /// <summary>The repository of <c>/repos/{owner}/{repo}/...</c>, or of <c>/repositories/{id}/...</c> (where GitHub's redirects point).</summary>
    public static SandboxProject? Repo(ApiRequest r) =>
        r.RouteLong("repository_id") is { } id
            ? r.Instance.FindProject(id.ToString(CultureInfo.InvariantCulture))
            : r.Instance.FindProject($"{r.Route("owner")}/{r.Route("repo")}");

    /// <summary>"Create an issue": "If issues are disabled in the repository, the API returns a 410 Gone status" (wording: docs/tracker-behaviour.md).</summary>
    public static ApiReply IssuesDisabled() => GitHubDialect.Error(410, "Issues are disabled for this repo");

    /// <summary>
    /// No issue under this number: 410 when issues are disabled or the issue was deleted, 301 to the issue's new place
    /// when it was transferred (only for the issue itself; see docs/tracker-behaviour.md), else 404.
    /// </summary>
    private static ApiReply Missing(ApiRequest r, SandboxProject p)
    {
        var number = r.RouteInt("number") ?? 0;
        if (!p.HasIssues)
        {
            return IssuesDisabled();
        }

        if (p.DeletedNumbers.Contains(number))
        {
            return GitHubDialect.Error(410, "This issue was deleted");
        }

        var path = r.Http.Request.Path.Value ?? "";
        if (p.TransferredTo.TryGetValue(number, out var moved) && path.EndsWith($"/issues/{number}", StringComparison.Ordinal))
        {
            var location = $"{r.Instance.ApiUrl}repositories/{moved.Project.Id}/issues/{moved.Number}";
            return new ApiReply(301, new JsonObject
            {
                ["message"] = "Moved Permanently",
                ["url"] = location,
                ["documentation_url"] = "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects",
            }).WithHeader("Location", location);
        }

        return NotFound();
    }

    public static SandboxIssue? Issue(ApiRequest r, SandboxProject p) => r.RouteInt("number") is { } n ? p.FindIssue(n) : null;

    public static SandboxNote? Comment(ApiRequest r, SandboxProject p)
    {
        if (r.RouteLong("comment_id") is not { } id)
        {
            return null;
        }

        foreach (var issue in p.Issues)
        {
            if (issue.Notes.Find(n => n.Id == id) is { } note)
            {
                return note;
            }
        }

        return null;
    }

    public static ApiReply Page<T>(ApiRequest r, IReadOnlyList<T> all, Func<T, JsonNode> render)
    {
        var page = r.Page;
        var perPage = r.PerPage(30);
        var items = Paging.Slice(all, page, perPage);
        var last = Paging.TotalPages(all.Count, perPage);
        var reply = ApiReply.Ok(new JsonArray([.. items.Select(i => (JsonNode?)render(i))]));
        if (last > 1 || page > 1)
        {
            // GitHub's page links name the repository by id, whichever form the request used (the @octokit/fixtures
            // recording paginate-issues: /repos/{owner}/{repo}/issues answers <.../repositories/{id}/issues?...&page=2>).
            reply.Headers["Link"] = Paging.Link(
                r.Http.Request, perPage, page < last ? page + 1 : null, page > 1 ? page - 1 : null, page > 1 ? 1 : null, page < last ? last : null, ById(r));
        }

        return reply;
    }

    /// <summary>The request's path with <c>/repos/{owner}/{repo}</c> replaced by <c>/repositories/{id}</c>.</summary>
    private static string? ById(ApiRequest r) =>
        Repo(r) is { } p && r.Http.Request.Path.Value is { } path
            ? RepoSegment().Replace(path, $"/repositories/{p.Id.ToString(CultureInfo.InvariantCulture)}", 1)
            : null;

    [GeneratedRegex("/repos/[^/]+/[^/]+(?=/|$)")]
    private static partial Regex RepoSegment();

    public static ApiReply WithRepo(ApiRequest r, Func<SandboxProject, ApiReply> then) => Repo(r) is { } p ? then(p) : NotFound();

    public static ApiReply WithIssue(ApiRequest r, Func<SandboxProject, SandboxIssue, ApiReply> then) =>
        WithRepo(r, p => p.HasIssues && Issue(r, p) is { } issue ? then(p, issue) : Missing(r, p));

    public static ApiReply WithComment(ApiRequest r, Func<SandboxProject, SandboxNote, ApiReply> then) =>
        WithRepo(r, p => Comment(r, p) is { } note ? then(p, note) : NotFound());
}
