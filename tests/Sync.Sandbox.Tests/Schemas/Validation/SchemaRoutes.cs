using System.Text.RegularExpressions;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// Every route the sandbox maps (src/Sync.Sandbox/GitLab/GitLabRoutes.cs, GitHub/GitHubRoutes.cs), keyed as the
/// sandbox's stats key it, with the published schema its answer must satisfy. <see cref="SchemaCoverageTests"/>
/// checks that every route the sandbox counts is listed here.
/// </summary>
public static class SchemaRoutes
{
    public const string GitLab = "gitlab";
    public const string GitHub = "github";
    public const string Discourse = "discourse";

    // Discourse publishes rswag JSON schemas of its API docs (discourse/discourse spec/requests/api/schemas/json/, e.g.
    // topic_show_response.json, category_topics_response.json, category_list_response.json, post_show_response.json), but
    // they are not vendored here yet; the plugin's /voting routes have none. The fields the client relies on are checked by
    // DiscourseSandboxTests instead.
    private const string NoDiscourseSchema = "Discourse's rswag schemas (spec/requests/api/schemas/json/) are not vendored yet; DiscourseSandboxTests checks the shape the client reads";

    private const string NoGitLabSchema = "GitLab publishes no response schema for it in spec/fixtures/api/schemas/public_api/v4/";

    public static readonly IReadOnlyList<SchemaRoute> All = [.. ByName(), .. ById()];

    /// <summary>
    /// GitHub's page links and a transferred issue's 301 name the repository by id (<c>/repositories/{id}/...</c>); the
    /// OpenAPI description documents only the <c>/repos/{owner}/{repo}</c> form, so the same operation's schema applies.
    /// </summary>
    private static IEnumerable<SchemaRoute> ById() =>
        ByName()
            .Where(r => r.Tracker == GitHub && r.Key.StartsWith("/repos/:owner/:repo", StringComparison.Ordinal)
                && (r.Method == "GET" || (r.Method == "PATCH" && r.Key == "/repos/:owner/:repo/issues/:number")))
            .Select(r => r with { Key = "/repositories/:repository_id" + r.Key["/repos/:owner/:repo".Length..] });

    private static IReadOnlyList<SchemaRoute> ByName() =>
    [
        // lib/api/users.rb answers GET /user with Entities::UserPublic for a non-admin token.
        new(GitLab, "GET", "/user", SchemaRef.GitLab("user/public.json")),
        new(GitLab, "GET", "/projects/:id", SchemaRef.None(NoGitLabSchema + " (no project.json; project/identity.json is another entity)")),
        new(GitLab, "GET", "/projects/:id/issues", SchemaRef.GitLab("issues.json")),
        new(GitLab, "POST", "/projects/:id/issues", SchemaRef.GitLab("issue.json")),
        new(GitLab, "GET", "/projects/:id/issues/:iid", SchemaRef.GitLab("issue.json")),
        new(GitLab, "PUT", "/projects/:id/issues/:iid", SchemaRef.GitLab("issue.json")),
        new(GitLab, "POST", "/projects/:id/issues/:iid/move", SchemaRef.GitLab("issue.json")),

        // notes.json is the list; one note is its item schema (there is no note.json).
        new(GitLab, "GET", "/projects/:id/issues/:iid/notes", SchemaRef.GitLab("notes.json")),
        new(GitLab, "POST", "/projects/:id/issues/:iid/notes", SchemaRef.GitLab("notes.json#/items")),
        new(GitLab, "GET", "/projects/:id/issues/:iid/notes/:note_id", SchemaRef.GitLab("notes.json#/items")),
        new(GitLab, "PUT", "/projects/:id/issues/:iid/notes/:note_id", SchemaRef.GitLab("notes.json#/items")),

        new(GitLab, "GET", "/projects/:id/issues/:iid/award_emoji", SchemaRef.None(NoGitLabSchema + " (no award_emoji file)")),
        new(GitLab, "POST", "/projects/:id/issues/:iid/award_emoji", SchemaRef.None(NoGitLabSchema + " (no award_emoji file)")),
        new(GitLab, "GET", "/projects/:id/issues/:iid/notes/:note_id/award_emoji", SchemaRef.None(NoGitLabSchema + " (no award_emoji file)")),
        new(GitLab, "POST", "/projects/:id/issues/:iid/notes/:note_id/award_emoji", SchemaRef.None(NoGitLabSchema + " (no award_emoji file)")),

        // GET /projects/:id/labels answers an array of Entities::ProjectLabel; only the element's schema is published.
        new(GitLab, "GET", "/projects/:id/labels", SchemaRef.GitLab("labels/project_label.json", arrayOf: true)),
        new(GitLab, "POST", "/projects/:id/labels", SchemaRef.GitLab("labels/project_label.json")),
        new(GitLab, "PUT", "/projects/:id/labels/:label_id", SchemaRef.GitLab("labels/project_label.json")),

        // milestones.json is older than milestone.json and lacks "expired" and "web_url", which Entities::Milestone
        // exposes (doc/api/milestones.md shows both): the list is checked as an array of milestone.json.
        new(GitLab, "GET", "/projects/:id/milestones", SchemaRef.GitLab("milestone.json", arrayOf: true)),
        new(GitLab, "POST", "/projects/:id/milestones", SchemaRef.GitLab("milestone.json")),
        new(GitLab, "PUT", "/projects/:id/milestones/:milestone_id", SchemaRef.GitLab("milestone.json")),

        new(GitLab, "POST", "/projects/:id/uploads", SchemaRef.None(NoGitLabSchema + " (no upload file)")),
        new(GitLab, "GET", "/projects/:id/uploads/:secret/:filename", SchemaRef.None("answers the file's bytes, not JSON")),

        new(GitLab, "GET", "/projects/:id/boards", SchemaRef.GitLab("boards.json")),
        new(GitLab, "POST", "/projects/:id/boards", SchemaRef.GitLab("board.json")),
        new(GitLab, "GET", "/projects/:id/boards/:board_id", SchemaRef.GitLab("board.json")),

        // A board list is published only inside board.json (its "lists" items).
        new(GitLab, "GET", "/projects/:id/boards/:board_id/lists", SchemaRef.GitLab("board.json#/properties/lists/items", arrayOf: true)),
        new(GitLab, "POST", "/projects/:id/boards/:board_id/lists", SchemaRef.GitLab("board.json#/properties/lists/items")),
        new(GitLab, "PUT", "/projects/:id/boards/:board_id/lists/:list_id", SchemaRef.GitLab("board.json#/properties/lists/items")),
        new(GitLab, "DELETE", "/projects/:id/boards/:board_id/lists/:list_id", SchemaRef.None("answers 204 without a body")),
        new(GitLab, "POST", "/graphql", SchemaRef.None("GitLab GraphQL: its schema is the GraphQL SDL, not a JSON Schema of REST answers")),

        new(Discourse, "GET", "/session/current.json", SchemaRef.None(NoDiscourseSchema + " (no schema for session/current)")),
        new(Discourse, "GET", "/categories.json", SchemaRef.None(NoDiscourseSchema + " (category_list_response.json)")),
        new(Discourse, "GET", "/c/:slug/:id/l/latest.json", SchemaRef.None(NoDiscourseSchema + " (category_topics_response.json)")),
        new(Discourse, "GET", "/c/:parent/:slug/:id/l/latest.json", SchemaRef.None(NoDiscourseSchema + " (category_topics_response.json)")),
        new(Discourse, "GET", "/t/:id.json", SchemaRef.None(NoDiscourseSchema + " (topic_show_response.json)")),
        new(Discourse, "GET", "/t/:id/posts.json", SchemaRef.None(NoDiscourseSchema + " (no schema for a topic's posts by id)")),
        new(Discourse, "PUT", "/t/:id/status", SchemaRef.None(NoDiscourseSchema + " (success_ok_response.json)")),
        new(Discourse, "GET", "/posts/:id.json", SchemaRef.None(NoDiscourseSchema + " (post_show_response.json)")),
        new(Discourse, "POST", "/posts.json", SchemaRef.None(NoDiscourseSchema + " (topic_create_response.json)")),
        new(Discourse, "GET", "/voting/who", SchemaRef.None("discourse-topic-voting publishes no schema (VotesController#who renders BasicUserSerializer items, or null)")),
        new(Discourse, "GET", "/t/:slug/:id", SchemaRef.None("the topic's web page (HTML), not an API answer")),

        new(GitHub, "GET", "/user", SchemaRef.GitHub("get", "/user")),
        new(GitHub, "GET", "/repos/:owner/:repo", SchemaRef.GitHub("get", "/repos/{owner}/{repo}")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues")),
        new(GitHub, "POST", "/repos/:owner/:repo/issues", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/issues")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/:number", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/{issue_number}")),
        new(GitHub, "PATCH", "/repos/:owner/:repo/issues/:number", SchemaRef.GitHub("patch", "/repos/{owner}/{repo}/issues/{issue_number}")),
        new(GitHub, "GET", "/repos/:owner/:repo/labels", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/labels")),
        new(GitHub, "POST", "/repos/:owner/:repo/labels", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/labels")),
        new(GitHub, "GET", "/repos/:owner/:repo/labels/:name", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/labels/{name}")),
        new(GitHub, "PATCH", "/repos/:owner/:repo/labels/:name", SchemaRef.GitHub("patch", "/repos/{owner}/{repo}/labels/{name}")),

        // Octokit's Labels.Update sends POST; GitHub answers it as the PATCH.
        new(GitHub, "POST", "/repos/:owner/:repo/labels/:name", SchemaRef.GitHub("patch", "/repos/{owner}/{repo}/labels/{name}")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/:number/labels", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/{issue_number}/labels")),
        new(GitHub, "POST", "/repos/:owner/:repo/issues/:number/labels", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/issues/{issue_number}/labels")),
        new(GitHub, "PUT", "/repos/:owner/:repo/issues/:number/labels", SchemaRef.GitHub("put", "/repos/{owner}/{repo}/issues/{issue_number}/labels")),
        new(GitHub, "DELETE", "/repos/:owner/:repo/issues/:number/labels/:name", SchemaRef.GitHub("delete", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}")),
        new(GitHub, "GET", "/repos/:owner/:repo/milestones", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/milestones")),
        new(GitHub, "POST", "/repos/:owner/:repo/milestones", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/milestones")),
        new(GitHub, "PATCH", "/repos/:owner/:repo/milestones/:milestone_number", SchemaRef.GitHub("patch", "/repos/{owner}/{repo}/milestones/{milestone_number}")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/comments", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/comments")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/:number/comments", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/{issue_number}/comments")),
        new(GitHub, "POST", "/repos/:owner/:repo/issues/:number/comments", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/issues/{issue_number}/comments")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/comments/:comment_id", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/comments/{comment_id}")),
        new(GitHub, "PATCH", "/repos/:owner/:repo/issues/comments/:comment_id", SchemaRef.GitHub("patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}")),
        new(GitHub, "DELETE", "/repos/:owner/:repo/issues/comments/:comment_id", SchemaRef.GitHub("delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/:number/reactions", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/{issue_number}/reactions")),
        new(GitHub, "POST", "/repos/:owner/:repo/issues/:number/reactions", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/issues/{issue_number}/reactions")),
        new(GitHub, "GET", "/repos/:owner/:repo/issues/comments/:comment_id/reactions", SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions")),
        new(GitHub, "POST", "/repos/:owner/:repo/issues/comments/:comment_id/reactions", SchemaRef.GitHub("post", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions")),
    ];

    /// <summary>The route a request path (after the API root) belongs to, matched the way ASP.NET routing would.</summary>
    public static SchemaRoute? Match(string tracker, string method, string relativePath)
    {
        var path = relativePath.TrimEnd('/');

        // Literal segments win over parameters ("issues/comments" is not "issues/:number"), as in ASP.NET routing.
        return All
            .Where(r => r.Tracker == tracker && r.Method == method && Pattern(r.Key).IsMatch(path))
            .OrderByDescending(r => r.Key.Split('/').Count(s => !s.StartsWith(':')))
            .FirstOrDefault();
    }

    public static SchemaRoute? Find(string tracker, string endpoint) =>
        All.FirstOrDefault(r => r.Tracker == tracker && r.Endpoint == endpoint);

    private static Regex Pattern(string key) =>
        new("^" + string.Join("/", key.Split('/').Select(s => s.StartsWith(':') ? "[^/]+" : Regex.Escape(s))) + "$", RegexOptions.CultureInvariant);
}
