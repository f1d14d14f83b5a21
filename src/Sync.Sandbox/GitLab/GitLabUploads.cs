using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>POST /projects/:id/uploads and the web-side file URLs that markdown links point to.</summary>
internal static class GitLabUploads
{
    public static ApiReply Create(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (r.Files.Count == 0)
        {
            return Missing("file");
        }

        var file = r.Files[0];
        var upload = r.Instance.AddUpload(p.Path, file.FileName, file.ContentType, file.Content);
        var alt = Path.GetFileNameWithoutExtension(upload.FileName);
        var image = upload.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return ApiReply.Created(new JsonObject
        {
            ["id"] = upload.Id,
            ["alt"] = alt,
            ["url"] = upload.RelativeUrl,
            ["full_path"] = $"/-/project/{p.Id}/uploads/{upload.Secret}/{upload.FileName}",
            ["markdown"] = image ? $"![{alt}]({upload.RelativeUrl})" : $"[{upload.FileName}]({upload.RelativeUrl})",
        });
    }

    /// <summary>Maps the web routes: private projects need a valid token header, public ones are open.</summary>
    public static void MapWeb(IEndpointRouteBuilder web, SandboxHostContext host, SandboxInstance instance, GitLabDialect dialect)
    {
        web.MapGet("/{group}/{project}/uploads/{secret}/{name}", ctx =>
            Serve(ctx, host, instance, dialect, "GET /:group/:project/uploads/:secret/:name", $"{ctx.GetRouteValue("group")}/{ctx.GetRouteValue("project")}"));
        web.MapGet("/-/project/{id}/uploads/{secret}/{name}", ctx =>
            Serve(ctx, host, instance, dialect, "GET /-/project/:id/uploads/:secret/:name", ctx.GetRouteValue("id")?.ToString() ?? ""));
    }

    private static async Task Serve(HttpContext ctx, SandboxHostContext host, SandboxInstance instance, GitLabDialect dialect, string key, string project)
    {
        host.Stats.Count(instance.Name, key);
        var secret = ctx.GetRouteValue("secret")?.ToString();
        var name = Uri.UnescapeDataString(ctx.GetRouteValue("name")?.ToString() ?? "");
        SandboxUpload? upload = null;
        if (instance.FindProject(project) is { } p
            && (!p.IsPrivate || instance.Authenticate(dialect.ReadToken(ctx.Request)) is not null))
        {
            lock (instance.Sync)
            {
                upload = p.Uploads.Find(u => u.Secret == secret && u.FileName == name);
            }
        }

        if (upload is null)
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        ctx.Response.ContentType = upload.ContentType;
        ctx.Response.ContentLength = upload.Content.Length;
        await ctx.Response.Body.WriteAsync(upload.Content, ctx.RequestAborted);
    }
}
