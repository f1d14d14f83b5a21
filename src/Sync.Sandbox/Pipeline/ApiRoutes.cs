using System.Text.RegularExpressions;

namespace Sync.Sandbox.Pipeline;

internal delegate ApiReply ApiHandler(ApiRequest request);

/// <summary>Maps one tracker endpoint through the shared pipeline under a stable stats key.</summary>
internal static partial class ApiRoutes
{
    /// <param name="keyTemplate">The template the stats key is made of, when another route serves the same endpoint.</param>
    public static void Api(
        this IEndpointRouteBuilder group,
        SandboxHostContext host,
        SandboxInstance instance,
        ITrackerDialect dialect,
        string method,
        string template,
        ApiHandler handler,
        string? keyTemplate = null)
    {
        var key = method + " " + Key(keyTemplate ?? template);
        group.MapMethods(template, [method], ctx => ApiPipeline.RunAsync(ctx, new ApiCall(host, instance, dialect, key, handler)));
    }

    /// <summary>Answers unknown paths in the tracker's 404 shape, for every method, so they are counted too.</summary>
    public static void ApiFallback(this IEndpointRouteBuilder group, SandboxHostContext host, SandboxInstance instance, ITrackerDialect dialect, ApiHandler handler)
    {
        foreach (var method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" })
        {
            group.Api(host, instance, dialect, method, "/{**rest}", handler);
        }
    }

    /// <summary>"/projects/{id}/issues" → "/projects/:id/issues", the key form used by stats.</summary>
    public static string Key(string template) => RouteParameter().Replace(template, m => ":" + m.Groups[1].Value);

    [GeneratedRegex(@"\{\**([a-zA-Z_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

internal sealed record ApiCall(SandboxHostContext Host, SandboxInstance Instance, ITrackerDialect Dialect, string Key, ApiHandler Handler);
