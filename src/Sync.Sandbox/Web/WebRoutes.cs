using System.Text;

namespace Sync.Sandbox.Web;

/// <summary>
/// Read-only HTML at the web URLs the API answers carry: GitLab <c>/{instance}/{group}/{project}</c> and
/// <c>/{instance}/{group}/{project}/-/issues/{iid}</c>, GitHub <c>/{instance}/{owner}/{repo}</c>,
/// <c>.../issues/{number}</c>, <c>.../pull/{number}</c> and <c>.../discussions/{number}</c>. They are not API routes: they bypass the API pipeline (no
/// token, no rate limit, no request log, no stats), and route precedence keeps them from shadowing the API, whose
/// prefixes (<c>/{instance}/api/...</c>, <c>/api/...</c>) start with a literal segment.
/// </summary>
internal static class WebRoutes
{
    public static void MapWebViews(this IEndpointRouteBuilder app, SandboxInstance instance)
    {
        var web = app.MapGroup($"/{instance.Name}");
        web.MapGet("/{owner}/{project}", ctx => ProjectAsync(ctx, instance));
        if (instance.IsGitHub)
        {
            web.MapGet("/{owner}/{project}/issues/{number:int}", ctx => IssueAsync(ctx, instance));
            web.MapGet("/{owner}/{project}/pull/{number:int}", ctx => IssueAsync(ctx, instance));
            web.MapGet("/{owner}/{project}/discussions/{number:int}", ctx => DiscussionAsync(ctx, instance));
        }
        else
        {
            web.MapGet("/{owner}/{project}/-/issues/{number:int}", ctx => IssueAsync(ctx, instance));
        }
    }

    private static Task ProjectAsync(HttpContext ctx, SandboxInstance instance)
    {
        if (FindProject(ctx, instance) is not { } project)
        {
            return WriteAsync(ctx, 404, WebHtml.NotFound("No such project on this tracker."));
        }

        string html;
        lock (instance.Sync)
        {
            html = ProjectPage.Render(instance, project);
        }

        return WriteAsync(ctx, 200, html);
    }

    private static Task IssueAsync(HttpContext ctx, SandboxInstance instance)
    {
        var number = int.Parse((string)ctx.GetRouteValue("number")!, System.Globalization.CultureInfo.InvariantCulture);
        var pull = ctx.Request.Path.Value?.Contains("/pull/", StringComparison.Ordinal) == true;
        string? html = null;
        if (FindProject(ctx, instance) is { } project)
        {
            lock (instance.Sync)
            {
                // GitHub serves an issue at /pull/N and a pull request at /issues/N with a redirect; the sandbox answers
                // only the URL its API gives out.
                if (project.FindIssue(number) is { } issue && issue.IsPullRequest == pull)
                {
                    html = IssuePage.Render(instance, issue);
                }
            }
        }

        return html is null ? WriteAsync(ctx, 404, WebHtml.NotFound("No such issue on this tracker.")) : WriteAsync(ctx, 200, html);
    }

    private static Task DiscussionAsync(HttpContext ctx, SandboxInstance instance)
    {
        var number = int.Parse((string)ctx.GetRouteValue("number")!, System.Globalization.CultureInfo.InvariantCulture);
        string? html = null;
        if (FindProject(ctx, instance) is { } project)
        {
            lock (instance.Sync)
            {
                if (project.Forum.Find(number) is { } discussion)
                {
                    html = DiscussionPage.Render(instance, discussion);
                }
            }
        }

        return html is null ? WriteAsync(ctx, 404, WebHtml.NotFound("No such discussion on this tracker.")) : WriteAsync(ctx, 200, html);
    }

    private static Sync.Sandbox.Model.SandboxProject? FindProject(HttpContext ctx, SandboxInstance instance)
    {
        var owner = (string?)ctx.GetRouteValue("owner");
        var name = (string?)ctx.GetRouteValue("project");
        return owner is null || name is null ? null : instance.FindProject($"{owner}/{name}");
    }

    private static async Task WriteAsync(HttpContext ctx, int status, string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.Headers["Content-Security-Policy"] = WebHtml.ContentSecurityPolicy;
        ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
        ctx.Response.Headers["Cache-Control"] = "no-store";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }
}
