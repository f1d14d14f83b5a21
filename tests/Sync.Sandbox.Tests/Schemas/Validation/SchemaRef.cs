namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// What one sandbox route's JSON answer is checked against. <see cref="Source"/> names the vendored schema (a GitLab
/// file, optionally with a JSON pointer into it, or a GitHub OpenAPI operation); <see cref="ArrayOf"/> wraps it in
/// an array where the tracker publishes only the element's schema. A route without a published schema has
/// <see cref="Source"/> null and says why in <see cref="NoSchemaReason"/>.
/// </summary>
public sealed record SchemaRef(string? Source, bool ArrayOf = false, string? NoSchemaReason = null)
{
    public static SchemaRef GitLab(string file, bool arrayOf = false) => new("gitlab:" + file, arrayOf);

    public static SchemaRef GitHub(string method, string openApiPath) => new($"github:{method} {openApiPath}");

    public static SchemaRef None(string reason) => new(null, NoSchemaReason: reason);

    public bool HasSchema => Source is not null;

    public override string ToString() => Source is null ? "no schema: " + NoSchemaReason : (ArrayOf ? $"array of {Source}" : Source);
}

/// <summary>One route of the sandbox as it counts it ("GET /projects/:id/issues") and the schema of its answer.</summary>
public sealed record SchemaRoute(string Tracker, string Method, string Key, SchemaRef Schema)
{
    public string Endpoint => $"{Method} {Key}";
}
