using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Discourse;

/// <summary>Maps the forum under "/{name}": its root is both its web root and its API root, as on Discourse.</summary>
internal static class DiscourseRoutes
{
    public static void MapDiscourse(this IEndpointRouteBuilder app, SandboxHostContext host, SandboxDiscourse forum)
    {
        var i = forum.Instance;
        var d = new DiscourseDialect(host.Control, forum);
        var h = new DiscourseHandlers(forum);
        var api = app.MapGroup($"/{i.Name}");
        api.Api(host, i, d, "GET", "/session/current.json", h.CurrentUser);
        api.Api(host, i, d, "GET", "/categories.json", h.Categories);
        api.Api(host, i, d, "GET", "/c/{slug}/{id:long}/l/latest.json", h.Latest);
        api.Api(host, i, d, "GET", "/c/{parent}/{slug}/{id:long}/l/latest.json", h.Latest);
        api.Api(host, i, d, "GET", "/t/{id:long}.json", h.Topic);
        api.Api(host, i, d, "GET", "/t/{id:long}/posts.json", h.TopicPosts);
        api.Api(host, i, d, "PUT", "/t/{id:long}/status", h.Status);
        api.Api(host, i, d, "GET", "/posts/{id:long}.json", h.Post);
        api.Api(host, i, d, "POST", "/posts.json", h.CreatePost);
        api.Api(host, i, d, "GET", "/voting/who", h.Who);
        app.MapGet($"/{i.Name}/t/{{slug}}/{{id:long}}", (long id) => DiscourseTopicPage.Render(forum, id));
        api.ApiFallback(host, i, d, _ => DiscourseJson.Errors(404, "not_found", "The requested URL or resource could not be found."));
    }
}
