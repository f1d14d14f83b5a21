using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Hosting;

/// <summary>The private /_sandbox endpoints: stats and control, guarded by the X-Sandbox-Admin header.</summary>
internal static class AdminEndpoints
{
    /// <summary>An admin request's body as a JSON object (empty when it is another JSON value), or the 400 answer when it is not JSON.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonObject Body, IResult? Error)> ReadObjectAsync(HttpContext ctx)
    {
        try
        {
            using var reader = new StreamReader(ctx.Request.Body);
            return (System.Text.Json.Nodes.JsonNode.Parse(await reader.ReadToEndAsync(ctx.RequestAborted)) as System.Text.Json.Nodes.JsonObject ?? [], null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return ([], Results.Json(new { message = e.Message }, statusCode: 400));
        }
    }

    public static void MapAdmin(this IEndpointRouteBuilder app, SandboxHostContext host)
    {
        app.MapGet("/_sandbox/stats", ctx => Guard(ctx, host, StatsAsync));
        app.MapPost("/_sandbox/stats/reset", ctx => Guard(ctx, host, ResetAsync));
        app.MapPost("/_sandbox/control", ctx => Guard(ctx, host, ApplyAsync));
    }

    internal static async Task Guard(HttpContext ctx, SandboxHostContext host, AdminAction action)
    {
        var result = ctx.Request.Headers["X-Sandbox-Admin"] == host.AdminToken
            ? await action(ctx, host)
            : Results.Json(new { message = "401 Unauthorized" }, statusCode: 401);
        await result.ExecuteAsync(ctx);
    }

    private static Task<IResult> StatsAsync(HttpContext ctx, SandboxHostContext host) => Task.FromResult(Results.Json(host.Stats.Snapshot()));

    private static Task<IResult> ResetAsync(HttpContext ctx, SandboxHostContext host)
    {
        host.Stats.Reset();
        return Task.FromResult(Results.NoContent());
    }

    /// <summary>
    /// Body fields (all optional): latencyMs, enforceRateLimits, limits {same names as <see cref="SandboxLimits"/>,
    /// camelCase}, clearFaults, faults [{instance, kind, count, status, pathContains, method, skip, endpoint, operation}] (see <see cref="SandboxFault"/>).
    /// </summary>
    private static async Task<IResult> ApplyAsync(HttpContext ctx, SandboxHostContext host)
    {
        var control = host.Control;
        JsonObject body;
        try
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var text = await reader.ReadToEndAsync(ctx.RequestAborted);
            body = (text.Length == 0 ? null : JsonNode.Parse(text)) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            return Results.Json(new { message = e.Message }, statusCode: 400);
        }

        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        if (body["latencyMs"] is { } latency)
        {
            control.LatencyMs = latency.GetValue<int>();
        }

        if (body["enforceRateLimits"] is { } enforce)
        {
            control.EnforceRateLimits = enforce.GetValue<bool>();
        }

        if (body["limits"] is JsonObject limits && limits.Deserialize<SandboxLimits>(web) is { } l)
        {
            foreach (var property in typeof(SandboxLimits).GetProperties())
            {
                if (limits.Any(kv => kv.Key.Equals(property.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    property.SetValue(control.Limits, property.GetValue(l));
                }
            }
        }

        if (body["clearFaults"]?.GetValue<bool>() == true)
        {
            control.ClearFaults();
        }

        // All faults are checked before any is queued, so a bad entry leaves the queue as it was.
        var faults = new List<(string Instance, SandboxFault Fault)>();
        try
        {
            foreach (var fault in body["faults"] as JsonArray ?? [])
            {
                if (fault.Deserialize<SandboxFault>(web) is { } f)
                {
                    f.Validate();
                    faults.Add((fault?["instance"]?.GetValue<string>() ?? "", f));
                }
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            return Results.Json(new { message = e.Message }, statusCode: 400);
        }

        faults.ForEach(f => control.InjectFault(f.Instance, f.Fault));
        return Results.Json(new { control.LatencyMs, control.EnforceRateLimits, control.Limits });
    }
}

internal delegate Task<IResult> AdminAction(HttpContext ctx, SandboxHostContext host);
