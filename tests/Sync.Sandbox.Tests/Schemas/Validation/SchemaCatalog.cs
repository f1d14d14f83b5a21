using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// The vendored schemas (Schemas/gitlab, Schemas/github), built once with JsonSchema.Net. GitLab's files keep their
/// relative <c>$ref</c>s: each is registered under its own URI below one base, so "./issue.json" resolves to the
/// sibling file. GitHub's OpenAPI subset is translated to JSON Schema and registered as one document; a response
/// schema is a <c>$ref</c> into it.
/// </summary>
public sealed class SchemaCatalog
{
    private static readonly Uri GitLabBase = new("https://gitlab.schemas.invalid/public_api/v4/");
    private static readonly Uri GitHubDocument = new("https://github.schemas.invalid/api.github.com.subset.json");

    // The seven type names of JSON Schema; GitLab's older files also say "date", "uri" and "string " (sic).
    private static readonly HashSet<string> JsonTypes = ["array", "boolean", "integer", "null", "number", "object", "string"];

    private readonly BuildOptions _build;
    private readonly JsonObject _openApi;
    private readonly Dictionary<string, JsonSchema> _built = [];

    private SchemaCatalog(string root)
    {
        _build = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
        var gitlab = Path.Combine(root, "gitlab");
        foreach (var file in Directory.EnumerateFiles(gitlab, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(gitlab, file).Replace('\\', '/');
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            DropUnknownTypes(node);
            SchemaOverrides.ApplyTo(relative, node);
            Register(new Uri(GitLabBase, relative), node);
        }

        _openApi = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "github", "api.github.com.subset.json")))!.AsObject();
        var translated = _openApi.DeepClone();
        OpenApiToJsonSchema.Translate(translated);
        Register(GitHubDocument, translated);
    }

    /// <summary>Loaded from the Schemas folder copied beside the test assembly.</summary>
    public static SchemaCatalog Shared { get; } = new(Path.Combine(AppContext.BaseDirectory, "Schemas"));

    /// <summary>Describes where <paramref name="schema"/> comes from, for messages and the docs.</summary>
    public string Describe(SchemaRef schema, int status) => schema.Source is { } s && s.StartsWith("github:", StringComparison.Ordinal)
        ? $"{s[7..]} → {status}" : schema.ToString();

    /// <summary>
    /// The schema an answer with <paramref name="status"/> must satisfy; null when the route has none or (GitHub) the
    /// operation documents no JSON body for that status. <paramref name="bodyless"/> is true when the operation
    /// documents the status with no body at all (204, 304).
    /// </summary>
    public JsonSchema? For(SchemaRef route, int status, out bool bodyless)
    {
        bodyless = false;
        if (route.Source is null)
        {
            return null;
        }

        string reference;
        if (route.Source.StartsWith("gitlab:", StringComparison.Ordinal))
        {
            if (status is < 200 or > 299)
            {
                // GitLab's files describe successful answers only.
                return null;
            }

            reference = new Uri(GitLabBase, route.Source[7..]).ToString();
        }
        else
        {
            var pointer = GitHubResponse(route.Source[7..], status, out bodyless);
            if (pointer is null)
            {
                return null;
            }

            reference = GitHubDocument + "#" + pointer;
        }

        var key = (route.ArrayOf ? "[]" : "") + reference;
        lock (_built)
        {
            if (!_built.TryGetValue(key, out var schema))
            {
                var wrapper = route.ArrayOf
                    ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = reference } }
                    : new JsonObject { ["$ref"] = reference };
                schema = JsonSchema.Build(JsonSerializer.SerializeToElement(wrapper), _build, new Uri($"https://wrapper.schemas.invalid/{_built.Count}"));
                _built[key] = schema;
            }

            return schema;
        }
    }

    /// <summary>JSON pointer to the JSON body schema of one operation's response, following a response $ref.</summary>
    private string? GitHubResponse(string operation, int status, out bool bodyless)
    {
        bodyless = false;
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        var (method, path) = (operation[..space], operation[(space + 1)..]);
        var responses = _openApi["paths"]?[path]?[method]?["responses"]?.AsObject()
            ?? throw new InvalidOperationException($"{operation} is not in the vendored GitHub subset; re-run scripts/vendor-github-openapi.py");
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses[code] is not JsonObject response)
        {
            return null;
        }

        var pointer = JsonPointer.Create("paths", path, method, "responses", code);
        if (response["$ref"]?.GetValue<string>() is { } shared)
        {
            pointer = JsonPointer.Parse(shared[1..]);
            response = _openApi["components"]!["responses"]![shared.Split('/')[^1]]!.AsObject();
        }

        if (response["content"]?["application/json"]?["schema"] is null)
        {
            bodyless = response["content"] is null;
            return null;
        }

        return pointer.Combine(JsonPointer.Create("content", "application/json", "schema")).ToString();
    }

    private void Register(Uri uri, JsonNode document) =>
        _build.SchemaRegistry.Register(uri, new JsonElementBaseDocument(JsonSerializer.SerializeToElement(document), uri));

    /// <summary>
    /// GitLab's older fixtures use type names JSON Schema does not have ("date", "uri", "string "). The json-schema gem
    /// GitLab's matcher used lets any value pass an unknown type name (Attribute.data_valid_for_type?:
    /// "TYPE_CLASS_MAPPINGS.fetch(type) { return true }"), so they are dropped here (in memory, never in the vendored
    /// file): the field stays required where the file requires it, its type is unchecked.
    /// </summary>
    private static void DropUnknownTypes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue single && single.TryGetValue<string>(out var name) && !JsonTypes.Contains(name))
                {
                    o.Remove("type");
                }
                else if (o["type"] is JsonArray many && many.Any(t => !JsonTypes.Contains(t!.GetValue<string>())))
                {
                    o.Remove("type");
                }

                foreach (var (_, child) in o.ToList())
                {
                    DropUnknownTypes(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    DropUnknownTypes(child);
                }

                break;
        }
    }
}
