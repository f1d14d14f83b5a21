using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub;

/// <summary>
/// Maps the GitHub instance under "/{name}/api/v3" and also under "/api/v3": Octokit resolves its Enterprise
/// prefix as the absolute path "/api/v3/", so a base address of ".../github/" still ends up at the host root.
/// </summary>
internal static class GitHubRoutes
{
    public static void MapGitHub(this IEndpointRouteBuilder app, SandboxHostContext host, SandboxInstance i)
    {
        // One dialect for both prefixes so they share the rate-limit windows.
        var d = new GitHubDialect(host.Control, i.Bot.Id);
        Map(app.MapGroup($"/{i.Name}/api/v3"), host, i, d);
        Map(app.MapGroup("/api/v3"), host, i, d);

        // GitHub Enterprise Server serves GraphQL at /api/graphql, beside the REST root (docs.github.com, "Forming calls
        // with GraphQL"): the client derives it from the REST root the same way.
        // Its budget is the graphql resource's, apart from REST's core.
        // Its mutations count against the same content-creation limits as REST's writes.
        var graphQl = new GitHubDialect(host.Control, i.Bot.Id, "graphql", sharesWritesWith: d);
        app.MapGroup($"/{i.Name}/api").Api(host, i, graphQl, "POST", "/graphql", GraphQl.GitHubGraphQlHandler.Execute);
        app.MapGroup("/api").Api(host, i, graphQl, "POST", "/graphql", GraphQl.GitHubGraphQlHandler.Execute);
    }

    private static void Map(RouteGroupBuilder api, SandboxHostContext host, SandboxInstance i, GitHubDialect d)
    {
        const string Repo = "/repos/{owner}/{repo}";

        // A GET of a repository's resource is also served by id (/repositories/{id}/...), the form GitHub's page links use;
        // both forms count as one endpoint in the stats.
        void Get(string suffix, ApiHandler handler)
        {
            api.Api(host, i, d, "GET", Repo + suffix, handler);
            api.Api(host, i, d, "GET", "/repositories/{repository_id:long}" + suffix, handler, keyTemplate: Repo + suffix);
        }

        api.Api(host, i, d, "GET", "/user", r => ApiReply.Ok(GitHubAccountJson.CurrentUser(r.Instance, r.User)));
        Get(string.Empty, r => GitHubLookup.WithRepo(r, p => ApiReply.Ok(GitHubAccountJson.FullRepository(r.Instance, p))));

        Get("/issues", GitHubIssueHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues", GitHubIssueHandlers.Create);
        Get("/issues/{number:int}", GitHubIssueHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/{number:int}", GitHubIssueHandlers.Update);

        // Octokit follows a transferred issue's 301 (to /repositories/{id}/issues/{n}) for a PATCH too.
        api.Api(host, i, d, "PATCH", "/repositories/{repository_id:long}/issues/{number:int}", GitHubIssueHandlers.Update, keyTemplate: Repo + "/issues/{number:int}");

        Get("/labels", GitHubLabelHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/labels", GitHubLabelHandlers.Create);
        Get("/labels/{name}", GitHubLabelHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/labels/{name}", GitHubLabelHandlers.Update);

        // Octokit's Labels.Update sends POST; GitHub treats POST as PATCH here.
        api.Api(host, i, d, "POST", Repo + "/labels/{name}", GitHubLabelHandlers.Update);
        Get("/issues/{number:int}/labels", GitHubLabelHandlers.OfIssue);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Add);
        api.Api(host, i, d, "PUT", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Replace);
        api.Api(host, i, d, "DELETE", Repo + "/issues/{number:int}/labels/{name}", GitHubLabelHandlers.Remove);

        Get("/milestones", GitHubIssueHandlers.Milestones);
        api.Api(host, i, d, "POST", Repo + "/milestones", GitHubIssueHandlers.CreateMilestone);
        api.Api(host, i, d, "PATCH", Repo + "/milestones/{milestone_number:int}", GitHubIssueHandlers.UpdateMilestone);

        Get("/issues/comments", GitHubCommentHandlers.ListForRepo);
        Get("/issues/{number:int}/comments", GitHubCommentHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/comments", GitHubCommentHandlers.Create);
        Get("/issues/comments/{comment_id:long}", GitHubCommentHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Update);
        api.Api(host, i, d, "DELETE", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Delete);

        Get("/issues/{number:int}/reactions", GitHubCommentHandlers.IssueReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/reactions", GitHubCommentHandlers.ReactToIssue);
        Get("/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.CommentReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.ReactToComment);

        api.ApiFallback(host, i, d, _ => GitHubLookup.NotFound());
    }
}
