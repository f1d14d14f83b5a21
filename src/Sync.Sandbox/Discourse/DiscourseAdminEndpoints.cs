using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Hosting;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Discourse;

/// <summary>
/// POST /_sandbox/discourse (X-Sandbox-Admin): settings and seed data of the emulated forum, for a sandbox run as a
/// process. Body (all optional): <c>settings</c> {topicsPerPage, chunkSize, votingPlugin, showWhoVoted, legacyVoteRelease,
/// adminApiRequestsPerMinute, rateLimitWindowSeconds}, <c>categories</c> [{slug, name, parent, voting}], <c>topics</c>
/// [{category, title, raw, author, tags, votes, replies [{raw, author, type}], closed, archived}]. Answers the ids made.
/// </summary>
internal static class DiscourseAdminEndpoints
{
    public static void MapAdminDiscourse(this IEndpointRouteBuilder app, SandboxHostContext host, SandboxDiscourse forum)
    {
        AdminAction apply = (ctx, _) => ApplyAsync(ctx, forum);
        app.MapPost("/_sandbox/discourse", ctx => AdminEndpoints.Guard(ctx, host, apply));
    }

    private static async Task<IResult> ApplyAsync(HttpContext ctx, SandboxDiscourse forum)
    {
        var (body, unreadable) = await AdminEndpoints.ReadObjectAsync(ctx);
        if (unreadable is not null)
        {
            return unreadable;
        }

        try
        {
            Apply(forum, body, out var categories, out var topics);
            return Results.Json(new { categories, topics });
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return Results.Json(new { message = e.Message }, statusCode: 400);
        }
    }

    internal static void Apply(SandboxDiscourse forum, JsonObject body, out List<object> categories, out List<object> topics)
    {
        categories = [];
        topics = [];
        if (body["settings"] is JsonObject s)
        {
            forum.TopicsPerPage = s["topicsPerPage"]?.GetValue<int>() ?? forum.TopicsPerPage;
            forum.ChunkSize = s["chunkSize"]?.GetValue<int>() ?? forum.ChunkSize;
            forum.VotingPlugin = s["votingPlugin"]?.GetValue<bool>() ?? forum.VotingPlugin;
            forum.ShowWhoVoted = s["showWhoVoted"]?.GetValue<bool>() ?? forum.ShowWhoVoted;
            forum.LegacyVoteRelease = s["legacyVoteRelease"]?.GetValue<bool>() ?? forum.LegacyVoteRelease;
            forum.AdminApiRequestsPerMinute = s["adminApiRequestsPerMinute"]?.GetValue<int>() ?? forum.AdminApiRequestsPerMinute;
            if (s["rateLimitWindowSeconds"]?.GetValue<int>() is { } window)
            {
                forum.RateLimitWindow = TimeSpan.FromSeconds(window);
            }
        }

        foreach (var c in (body["categories"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var category = forum.AddCategory(Text(c, "slug"), c["name"]?.GetValue<string>() ?? Text(c, "slug"), c["parent"]?.GetValue<string>(), c["voting"]?.GetValue<bool>() ?? true);
            categories.Add(new { category.Id, slug = category.SlugPath });
        }

        foreach (var t in (body["topics"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var tags = (t["tags"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
            var topic = forum.AddTopic(Text(t, "category"), Text(t, "title"), Text(t, "raw"), t["author"]?.GetValue<string>() ?? "sandbox-bot", tags);
            foreach (var reply in (t["replies"] as JsonArray ?? []).OfType<JsonObject>())
            {
                forum.AddPost(topic.Id, Text(reply, "raw"), reply["author"]?.GetValue<string>() ?? "sandbox-bot", reply["type"]?.GetValue<int>() ?? DiscoursePost.Regular);
            }

            forum.Vote(topic.Id, [.. (t["votes"] as JsonArray ?? []).Select(n => n!.GetValue<string>())]);
            if (t["closed"]?.GetValue<bool>() == true)
            {
                forum.SetStatus(topic.Id, "closed", true);
            }

            if (t["archived"]?.GetValue<bool>() == true)
            {
                forum.SetStatus(topic.Id, "archived", true);
            }

            topics.Add(new { topic.Id, topic.Title });
        }
    }

    private static string Text(JsonObject o, string name) =>
        o[name]?.GetValue<string>() ?? throw new ArgumentException($"'{name}' is missing");
}
