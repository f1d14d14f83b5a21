using Sync.Sandbox.Pipeline;
using Sync.Sandbox.Trackers;

namespace Sync.Sandbox.GitHub;

/// <summary>Maps the GitHub instance under "/{name}/api/v3", the prefix Octokit uses for GitHub Enterprise hosts.</summary>
internal static class GitHubRoutes
{
    public static void MapGitHub(this IEndpointRouteBuilder app, SandboxHostContext host, SandboxInstance i)
    {
        var d = new GitHubDialect(host.Control, i.Bot.Id);
        var api = app.MapGroup($"/{i.Name}/api/v3");
        const string Repo = "/repos/{owner}/{repo}";
        api.Api(host, i, d, "GET", "/user", r => ApiReply.Ok(GitHubJson.User(r.Instance, r.User)));
        api.Api(host, i, d, "GET", Repo, r => GitHubLookup.WithRepo(r, p => ApiReply.Ok(GitHubJson.Repo(r.Instance, p))));

        api.Api(host, i, d, "GET", Repo + "/issues", GitHubIssueHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues", GitHubIssueHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}", GitHubIssueHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/{number:int}", GitHubIssueHandlers.Update);

        api.Api(host, i, d, "GET", Repo + "/labels", GitHubLabelHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/labels", GitHubLabelHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/labels/{name}", GitHubLabelHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/labels/{name}", GitHubLabelHandlers.Update);
        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.OfIssue);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Add);
        api.Api(host, i, d, "PUT", Repo + "/issues/{number:int}/labels", GitHubLabelHandlers.Replace);
        api.Api(host, i, d, "DELETE", Repo + "/issues/{number:int}/labels/{name}", GitHubLabelHandlers.Remove);

        api.Api(host, i, d, "GET", Repo + "/milestones", GitHubIssueHandlers.Milestones);
        api.Api(host, i, d, "POST", Repo + "/milestones", GitHubIssueHandlers.CreateMilestone);

        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/comments", GitHubCommentHandlers.List);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/comments", GitHubCommentHandlers.Create);
        api.Api(host, i, d, "GET", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Get);
        api.Api(host, i, d, "PATCH", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Update);
        api.Api(host, i, d, "DELETE", Repo + "/issues/comments/{comment_id:long}", GitHubCommentHandlers.Delete);

        api.Api(host, i, d, "GET", Repo + "/issues/{number:int}/reactions", GitHubCommentHandlers.IssueReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/{number:int}/reactions", GitHubCommentHandlers.ReactToIssue);
        api.Api(host, i, d, "GET", Repo + "/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.CommentReactions);
        api.Api(host, i, d, "POST", Repo + "/issues/comments/{comment_id:long}/reactions", GitHubCommentHandlers.ReactToComment);

        api.Api(host, i, d, "GET", "/{**rest}", _ => GitHubLookup.NotFound());
    }
}
