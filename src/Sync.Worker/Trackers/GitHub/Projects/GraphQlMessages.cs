using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>The POST body of a GraphQL call: the document and its variables (user values only ever go here).</summary>
internal sealed record GraphQlRequest(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, object?> Variables);

/// <summary>A GraphQL answer: GitHub sends HTTP 200 with <c>errors</c> (and possibly partial <c>data</c>) when a field fails.</summary>
internal sealed record GraphQlResponse<T>(T? Data, IReadOnlyList<GraphQlError>? Errors);

/// <summary>One entry of <c>errors</c>; GitHub adds a <c>type</c> such as NOT_FOUND, FORBIDDEN or INSUFFICIENT_SCOPES.</summary>
internal sealed record GraphQlError(string? Type, string? Message, IReadOnlyList<JsonElement>? Path)
{
    /// <summary>The path as text (<c>repositoryOwner.projectV2.items.nodes.3.content</c>), for matching.</summary>
    public IReadOnlyList<string> PathSegments => Path?.Select(p => p.ToString()).ToList() ?? [];
}
