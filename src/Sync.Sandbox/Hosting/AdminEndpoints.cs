using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Control;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Hosting;

/// <summary>The private /_sandbox endpoints: stats and control, guarded by the X-Sandbox-Admin header.</summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app, SandboxHostContext host)
    {
        app.MapGet("/_sandbox/stats", ctx => Guard(ctx, host, () => Results.Json(host.Stats.Snapshot())));
        app.MapPost("/_sandbox/stats/reset", ctx => Guard(ctx, host, () =>
        {
            host.Stats.Reset();
            return Results.NoContent();
        }));
        app.MapPost("/_sandbox/control", ctx => Guard(ctx, host, () => Apply(ctx, host.Control)));
    }

    private static async Task Guard(HttpContext ctx, SandboxHostContext host, Func<IResult> action)
    {
        var result = ctx.Request.Headers["X-Sandbox-Admin"] == host.AdminToken
            ? action()
            : Results.Json(new { message = "401 Unauthorized" }, statusCode: 401);
        await result.ExecuteAsync(ctx);
    }

    /// <summary>
    /// Body fields (all optional): latencyMs, enforceRateLimits, limits {same names as <see cref="SandboxLimits"/>,
    /// camelCase}, clearFaults, faults [{instance, kind, count, status, pathContains, method}].
    /// </summary>
    private static IResult Apply(HttpContext ctx, SandboxControl control)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(ReadBody(ctx)) as JsonObject ?? [];
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

        foreach (var fault in body["faults"] as JsonArray ?? [])
        {
            var instance = fault?["instance"]?.GetValue<string>() ?? "";
            if (fault.Deserialize<SandboxFault>(web) is { } f)
            {
                control.InjectFault(instance, f);
            }
        }

        return Results.Json(new { control.LatencyMs, control.EnforceRateLimits, control.Limits });
    }

    // Synchronous read is fine: control bodies are tiny and this keeps the guard simple.
    private static string ReadBody(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        return reader.ReadToEndAsync(ctx.RequestAborted).GetAwaiter().GetResult() is { Length: > 0 } s ? s : "{}";
    }
}
