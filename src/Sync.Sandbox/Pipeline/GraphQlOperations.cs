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
    public static async Task<IReadOnlyCollection<string>?> ReadAsync(HttpRequest request, string endpointKey, CancellationToken ct)
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

            // Variables are not needed to name the fields; an undeclared one only fails the parse, leaving no operations.
            return [.. GqlDocument.ParseGitHub(text, body["variables"]?.DeepClone() as JsonObject).Fields.Select(f => f.Name)];
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
