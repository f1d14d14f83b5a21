using Sync.Sandbox.GitLab.GraphQl;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>Maps one GitLab instance: API under "/{name}/api/v4", upload files under "/{name}".</summary>
internal static class GitLabRoutes
{
    public static void MapGitLab(this IEndpointRouteBuilder app, SandboxHostContext host, SandboxInstance i)
    {
        var d = new GitLabDialect(host.Control);
        var api = app.MapGroup($"/{i.Name}/api/v4");
        api.Api(host, i, d, "GET", "/user", r => ApiReply.Ok(GitLabJson.CurrentUser(r.Instance, r.User)));
        api.Api(host, i, d, "GET", "/projects/{id}", r =>
            GitLabLookup.Project(r) is { } p ? ApiReply.Ok(GitLabJson.Project(r.Instance, p)) : GitLabLookup.ProjectNotFound());

        api.Api(host, i, d, "GET", "/projects/{id}/issues", GitLabIssueHandlers.List);
        api.Api(host, i, d, "POST", "/projects/{id}/issues", GitLabIssueHandlers.Create);
        api.Api(host, i, d, "GET", "/projects/{id}/issues/{iid}", GitLabIssueHandlers.Get);
        api.Api(host, i, d, "PUT", "/projects/{id}/issues/{iid}", GitLabIssueHandlers.Update);
        api.Api(host, i, d, "POST", "/projects/{id}/issues/{iid}/move", GitLabMove.Move);

        api.Api(host, i, d, "GET", "/projects/{id}/issues/{iid}/notes", GitLabNoteHandlers.List);
        api.Api(host, i, d, "POST", "/projects/{id}/issues/{iid}/notes", GitLabNoteHandlers.Create);
        api.Api(host, i, d, "GET", "/projects/{id}/issues/{iid}/notes/{note_id}", GitLabNoteHandlers.Get);
        api.Api(host, i, d, "PUT", "/projects/{id}/issues/{iid}/notes/{note_id}", GitLabNoteHandlers.Update);

        api.Api(host, i, d, "GET", "/projects/{id}/issues/{iid}/award_emoji", GitLabNoteHandlers.IssueAwards);
        api.Api(host, i, d, "POST", "/projects/{id}/issues/{iid}/award_emoji", GitLabNoteHandlers.AwardIssue);
        api.Api(host, i, d, "GET", "/projects/{id}/issues/{iid}/notes/{note_id}/award_emoji", GitLabNoteHandlers.NoteAwards);
        api.Api(host, i, d, "POST", "/projects/{id}/issues/{iid}/notes/{note_id}/award_emoji", GitLabNoteHandlers.AwardNote);

        api.Api(host, i, d, "GET", "/projects/{id}/labels", GitLabLabelHandlers.List);
        api.Api(host, i, d, "POST", "/projects/{id}/labels", GitLabLabelHandlers.Create);
        api.Api(host, i, d, "PUT", "/projects/{id}/labels/{label_id}", GitLabLabelHandlers.Update);
        api.Api(host, i, d, "GET", "/projects/{id}/milestones", GitLabLabelHandlers.Milestones);
        api.Api(host, i, d, "POST", "/projects/{id}/milestones", GitLabLabelHandlers.CreateMilestone);
        api.Api(host, i, d, "PUT", "/projects/{id}/milestones/{milestone_id}", GitLabLabelHandlers.UpdateMilestone);

        api.Api(host, i, d, "POST", "/projects/{id}/uploads", GitLabUploads.Create);
        api.Api(host, i, d, "GET", "/projects/{id}/uploads/{secret}/{filename}", GitLabUploads.Download);

        api.Api(host, i, d, "GET", "/projects/{id}/boards", GitLabBoardHandlers.List);
        api.Api(host, i, d, "POST", "/projects/{id}/boards", GitLabBoardHandlers.Create);
        api.Api(host, i, d, "GET", "/projects/{id}/boards/{board_id}", GitLabBoardHandlers.Get);
        api.Api(host, i, d, "GET", "/projects/{id}/boards/{board_id}/lists", GitLabBoardHandlers.Lists);
        api.Api(host, i, d, "POST", "/projects/{id}/boards/{board_id}/lists", GitLabBoardHandlers.CreateList);
        api.Api(host, i, d, "PUT", "/projects/{id}/boards/{board_id}/lists/{list_id}", GitLabBoardHandlers.MoveList);
        api.Api(host, i, d, "DELETE", "/projects/{id}/boards/{board_id}/lists/{list_id}", GitLabBoardHandlers.DeleteList);

        // lib/api/api.rb's catch-all `route :any, '*path'` calls Grape's error!, which GitLab's JSON format renders
        // as {"error": ...} (not the {"message": ...} of render_api_error!).
        api.ApiFallback(host, i, d, _ => new ApiReply(404, new System.Text.Json.Nodes.JsonObject { ["error"] = "404 Not Found" }));

        // GraphQL lives beside the REST root (/api/graphql, not /api/v4/graphql).
        app.MapGroup($"/{i.Name}/api").Api(host, i, d, "POST", "/graphql", GitLabGraphQlHandler.Execute);
        GitLabUploads.MapWeb(app.MapGroup($"/{i.Name}"), host, i);
    }
}
