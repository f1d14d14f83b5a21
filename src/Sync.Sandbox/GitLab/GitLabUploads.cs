using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>POST /projects/:id/uploads, the API download route and the web-side file URLs that markdown links point to.</summary>
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
        var upload = r.Instance.AddUpload(p.Path, SanitizeFileName(file.FileName), file.ContentType, file.Content);
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

    /// <summary>
    /// The name GitLab stores: CarrierWave's <c>SanitizedFile#sanitize</c> (<c>lib/carrierwave/sanitized_file.rb</c>) keeps
    /// the base name, turns every character outside <c>[[:word:]\.\-\+]</c> into <c>_</c> (Onigmo's <c>[:word:]</c>:
    /// Letter | Mark | Decimal_Number | Connector_Punctuation), prefixes a name of dots with <c>_</c>, names an empty one "unnamed".
    /// </summary>
    public static string SanitizeFileName(string name)
    {
        var baseName = name.Replace('\\', '/').Split('/')[^1];
        var clean = new StringBuilder(baseName.Length);
        foreach (var rune in baseName.EnumerateRunes())
        {
            clean.Append(IsWordOrKept(rune) ? rune.ToString() : "_");
        }

        var result = clean.ToString();
        return result.Length == 0 ? "unnamed" : result.All(c => c == '.') ? "_" + result : result;
    }

    private static bool IsWordOrKept(Rune rune) =>
        rune.Value is '.' or '-' or '+'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation;

    /// <summary>
    /// <c>GET /projects/:id/uploads/:secret/:filename</c> (GitLab 17.4+, <c>lib/api/markdown_uploads.rb</c>): token-authenticated
    /// like the rest of the API; the file comes as <c>present_disk_file!</c> sends it (<c>application/octet-stream</c>,
    /// attachment); an unknown secret or name is <c>404 Not found</c>. The name is decoded once, from the raw path.
    /// </summary>
    public static ApiReply Download(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        var (secret, name) = RawSecretAndName(r.Http);
        if (p.Uploads.Find(u => u.Secret == secret && u.FileName == name) is not { } upload)
        {
            return Error(404, "404 Not found");
        }

        return new ApiReply(200) { Raw = upload.Content, ContentType = "application/octet-stream" }
            .WithHeader("Content-Disposition", $"attachment; filename=\"{upload.FileName}\"");
    }

    /// <summary>
    /// Maps the web routes. GitLab's <c>Projects::UploadsController</c> takes a browser session, never an API token: on a
    /// private project an anonymous request is sent to sign in (<c>ApplicationController#route_not_found</c>), unless the
    /// file is an image, video or audio and the project does not enforce auth checks on uploads
    /// (<c>UploadsActions#bypass_auth_checks_on_uploads?</c>). Public projects serve the file, or 404.
    /// </summary>
    public static void MapWeb(IEndpointRouteBuilder web, SandboxHostContext host, SandboxInstance instance)
    {
        web.MapGet("/{group}/{project}/uploads/{secret}/{name}", ctx =>
            Serve(ctx, host, instance, "GET /:group/:project/uploads/:secret/:name", $"{ctx.GetRouteValue("group")}/{ctx.GetRouteValue("project")}"));
        web.MapGet("/-/project/{id}/uploads/{secret}/{name}", ctx =>
            Serve(ctx, host, instance, "GET /-/project/:id/uploads/:secret/:name", ctx.GetRouteValue("id")?.ToString() ?? ""));
    }

    private static async Task Serve(HttpContext ctx, SandboxHostContext host, SandboxInstance instance, string key, string project)
    {
        host.Stats.Count(instance.Name, key);
        var (secret, name) = RawSecretAndName(ctx);
        var p = instance.FindProject(project);
        SandboxUpload? upload;
        lock (instance.Sync)
        {
            upload = p?.Uploads.Find(u => u.Secret == secret && u.FileName == name);
        }

        if (p is { IsPrivate: true } && !(upload is not null && IsEmbeddable(upload) && !p.EnforceAuthChecksOnUploads))
        {
            ctx.Response.Redirect(new Uri(instance.WebUrl, "users/sign_in").AbsoluteUri);
            return;
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

    private static bool IsEmbeddable(SandboxUpload upload) =>
        upload.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || upload.ContentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || upload.ContentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The last two segments of the path as the client sent it, the name percent-decoded exactly once (route values are
    /// already decoded except <c>%2F</c>, and decoding them again would accept <c>%252e</c> as a dot).
    /// </summary>
    private static (string Secret, string Name) RawSecretAndName(HttpContext ctx)
    {
        var raw = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        var path = raw is not null && raw.StartsWith('/') ? raw.Split('?', 2)[0] : ctx.Request.Path.Value ?? "";
        var segments = path.Split('/');
        return segments.Length < 2 ? ("", "") : (segments[^2], Uri.UnescapeDataString(segments[^1]));
    }
}
