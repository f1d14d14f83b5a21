using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Hosting;

/// <summary>
/// POST /_sandbox/discussions (X-Sandbox-Admin): seeds GitHub Discussions of a sandbox run as a process, as tests and the
/// demo do in process. Body: <c>{"instance": "github", "repository": "acme/forum", "categories": [{"name": "Ideas",
/// "slug": "ideas", "answerable": false}], "discussions": [{"category": "ideas", "title": "...", "body": "...", "author":
/// "alice.martin", "labels": ["ux"], "upvoters": ["bob.chen"], "thumbsUp": ["carla.rossi"], "comments": [{"body": "...",
/// "author": "...", "replies": [{"body": "...", "author": "..."}]}]}]}</c>. A missing repository is created (public).
/// Answers the numbers given to the new discussions.
/// </summary>
internal static class AdminDiscussionEndpoints
{
    public static void MapAdminDiscussions(this IEndpointRouteBuilder app, SandboxHostContext host, IReadOnlyList<SandboxInstance> instances)
    {
        AdminAction seed = (ctx, _) => SeedAsync(ctx, instances);
        app.MapPost("/_sandbox/discussions", ctx => AdminEndpoints.Guard(ctx, host, seed));
    }

    private static async Task<IResult> SeedAsync(HttpContext ctx, IReadOnlyList<SandboxInstance> instances)
    {
        var (body, unreadable) = await AdminEndpoints.ReadObjectAsync(ctx);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var name = body["instance"]?.GetValue<string>() ?? "github";
        if (instances.FirstOrDefault(i => i.Name == name && i.IsGitHub) is not { } hub)
        {
            return Results.Json(new { message = $"unknown GitHub instance '{name}'" }, statusCode: 400);
        }

        if (body["repository"]?.GetValue<string>() is not { } repository || repository.Split('/').Length != 2)
        {
            return Results.Json(new { message = "repository must be owner/name" }, statusCode: 400);
        }

        try
        {
            if (hub.FindProject(repository) is null)
            {
                hub.CreateProject(repository, isPrivate: false);
            }

            foreach (var category in body["categories"] as JsonArray ?? [])
            {
                hub.CreateDiscussionCategory(repository, Str(category, "name") ?? "Ideas", Str(category, "slug"), category?["answerable"]?.GetValue<bool>() ?? false);
            }

            var numbers = new List<int>();
            foreach (var idea in body["discussions"] as JsonArray ?? [])
            {
                var discussion = hub.AddDiscussion(repository, Str(idea, "category") ?? "ideas", Str(idea, "title") ?? "Untitled", Str(idea, "body") ?? "", Str(idea, "author"), labels: Strings(idea, "labels"));
                hub.UpvoteDiscussion(repository, discussion.Number, [.. Strings(idea, "upvoters")]);
                foreach (var voter in Strings(idea, "thumbsUp"))
                {
                    hub.AddDiscussionReaction(repository, discussion.Number, "THUMBS_UP", voter);
                }

                foreach (var comment in idea?["comments"] as JsonArray ?? [])
                {
                    var top = hub.AddDiscussionComment(repository, discussion.Number, Str(comment, "body") ?? "", Str(comment, "author"));
                    foreach (var reply in comment?["replies"] as JsonArray ?? [])
                    {
                        hub.AddDiscussionComment(repository, discussion.Number, Str(reply, "body") ?? "", Str(reply, "author"), replyTo: top.Id);
                    }
                }

                numbers.Add(discussion.Number);
            }

            return Results.Json(new { repository, numbers });
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Results.Json(new { message = e.Message }, statusCode: 400);
        }
    }

    private static string? Str(JsonNode? node, string name) => node?[name]?.GetValue<string>();

    private static IEnumerable<string> Strings(JsonNode? node, string name) =>
        (node?[name] as JsonArray ?? []).Select(v => v?.GetValue<string>()).OfType<string>();
}
