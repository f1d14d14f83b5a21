using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.GitLab.GraphQl;

namespace Sync.Sandbox.Pipeline;

/// <summary>
/// The top-level fields of a GraphQL request (<c>closeDiscussion</c>, <c>repository</c>), so a fault can target one
/// mutation although every GraphQL request shares the endpoint <c>POST /graphql</c>. The body stays readable for the handler.
/// </summary>
internal static class GraphQlOperations
{
    /// <summary>
    /// Appended to <c>POST /graphql</c> for a mutation when the dialect decides on limits and write ceilings (never in the
    /// stats): GitHub counts mutations against its secondary content-creation limits, queries not.
    /// </summary>
    public const string MutationSuffix = " (mutation)";

    public static async Task<Operations?> ReadAsync(HttpRequest request, string endpointKey, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method) || !endpointKey.EndsWith("/graphql", StringComparison.Ordinal))
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
            if (body?["query"] is not JsonValue query || !query.TryGetValue<string>(out var text))
            {
                return null;
            }

            var (fields, isMutation) = GqlDocument.ParseGitHub(text, body["variables"]?.DeepClone() as JsonObject);
            return new Operations([.. fields.Select(f => f.Name)], isMutation);
        }
        catch (Exception e) when (e is JsonException or GqlException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}

/// <summary>A GraphQL request's top-level fields and whether it is a mutation.</summary>
internal sealed record Operations(IReadOnlyCollection<string> Fields, bool IsMutation);
