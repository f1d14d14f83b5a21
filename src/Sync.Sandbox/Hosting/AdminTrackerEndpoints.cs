using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Hosting;

/// <summary>
/// POST /_sandbox/trackers (X-Sandbox-Admin): per-instance settings of the emulated trackers, for a sandbox run as a
/// process. Body: <c>{"instance": "gitlab-dev", "premium": true, "members": {"acme/widget": ["sandbox-bot"]}}</c>, all
/// but <c>instance</c> optional; everything is checked before anything changes.
/// </summary>
internal static class AdminTrackerEndpoints
{
    public static void MapAdminTrackers(this IEndpointRouteBuilder app, SandboxHostContext host, IReadOnlyList<SandboxInstance> instances)
    {
        AdminAction apply = (ctx, _) => ApplyAsync(ctx, instances);
        app.MapPost("/_sandbox/trackers", ctx => AdminEndpoints.Guard(ctx, host, apply));
    }

    private static async Task<IResult> ApplyAsync(HttpContext ctx, IReadOnlyList<SandboxInstance> instances)
    {
        var (body, unreadable) = await AdminEndpoints.ReadObjectAsync(ctx);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var name = body["instance"]?.GetValue<string>();
        if (instances.FirstOrDefault(i => i.Name == name) is not { } instance)
        {
            return Results.Json(new { message = $"unknown instance '{name}'" }, statusCode: 400);
        }

        var members = new List<(string Project, string[] Users)>();
        foreach (var (project, users) in body["members"] as JsonObject ?? [])
        {
            if (instance.FindProject(project) is null || users is not JsonArray list)
            {
                return Results.Json(new { message = $"members: unknown project '{project}' or no user list" }, statusCode: 400);
            }

            members.Add((project, [.. list.Select(u => u?.GetValue<string>() ?? string.Empty).Where(u => u.Length > 0)]));
        }

        if (body["premium"] is { } premium)
        {
            instance.Premium = premium.GetValue<bool>();
        }

        members.ForEach(m => instance.SetMembers(m.Project, m.Users));
        return Results.Json(new { instance = instance.Name, instance.Premium });
    }
}
