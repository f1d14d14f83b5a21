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
    }

    private static void Map(RouteGroupBuilder api, SandboxHostContext host, SandboxInstance i, GitHubDialect d)
    {
        const string Repo = "/repos/{owner}/{repo}";
        api.Api(host, i, d, "GET", "/user", r => ApiReply.Ok(GitHubAccountJson.CurrentUser(r.Instance, r.User)));
        api.Api(host, i, d, "GET", Repo, r => GitHubLookup.WithRepo(r, p => ApiReply.Ok(GitHubAccountJson.FullRepository(r.Instance, p))));

        api.Api(host, i, d, "GET", Repo + "/issues", GitHubIssueHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues", GitHubIssueHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}", GitHubIssueHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/{number:int}", GitHubIssueHandlers.Update);

        // Where a transferred issue's 301 points (GitHub names the repository by id).
        api.Api(host, i, d, "GET", "/repositories/{repository_id:long}/issues/{number:int}", GitHubIssueHandlers.Get);
        api.Api(host, i, d, "PATCH", "/repositories/{repository_id:long}/issues/{number:int}", GitHubIssueHandlers.Update);

        api.Api(host, i, d, "GET", Repo + "/labels", GitHubLabelHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/labels", GitHubLabelHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/labels/{name}", GitHubLabelHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/labels/{name}", GitHubLabelHandlers.Update);

        // Octokit's Labels.Update sends POST; GitHub treats POST as PATCH here.
        api.Api(host, i, d, "POST", Repo + "/labels/{name}", GitHubLabelHandlers.Update);
        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.OfIssue);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Add);
        api.Api(host, i, d, "PUT", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Replace);
        api.Api(host, i, d, "DELETE", Repo + "/issues/{number:int}/labels/{name}", GitHubLabelHandlers.Remove);

        api.Api(host, i, d, "GET", Repo + "/milestones", GitHubIssueHandlers.Milestones);
        api.Api(host, i, d, "POST", Repo + "/milestones", GitHubIssueHandlers.CreateMilestone);

        api.Api(host, i, d, "GET", Repo + "/issues/comments", GitHubCommentHandlers.ListForRepo);
        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/comments", GitHubCommentHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/comments", GitHubCommentHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Update);
        api.Api(host, i, d, "DELETE", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Delete);

        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/reactions", GitHubCommentHandlers.IssueReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/reactions", GitHubCommentHandlers.ReactToIssue);
        api.Api(host, i, d, "GET", Repo + "/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.CommentReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.ReactToComment);

        api.ApiFallback(host, i, d, _ => GitHubLookup.NotFound());
    }
}
