using System.Text.Json.Nodes;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// Turns OpenAPI 3.0 schema objects into JSON Schema (draft 7) in place. OpenAPI 3.0 has no "null" type: a schema
/// says <c>nullable: true</c> instead (OpenAPI 3.0.3, "Schema Object", fixed field <c>nullable</c>: "A true value
/// adds "null" to the allowed types"). Nothing else in GitHub's description needs translating: <c>$ref</c> to
/// <c>#/components/...</c> resolves inside the document, and the OpenAPI-only keywords are unknown keywords, which
/// JSON Schema ignores.
/// </summary>
public static class OpenApiToJsonSchema
{
    public static void Translate(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                {
                    Translate(child);
                }

                if (o["nullable"] is JsonValue v && v.TryGetValue<bool>(out var nullable))
                {
                    o.Remove("nullable");
                    if (nullable)
                    {
                        AllowNull(o);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Translate(child);
                }

                break;
        }
    }

    private static void AllowNull(JsonObject o)
    {
        if (o["type"] is JsonValue type && type.TryGetValue<string>(out var name))
        {
            o["type"] = new JsonArray(name, "null");
            if (o["enum"] is JsonArray values && !values.Any(e => e is null))
            {
                values.Add(null);
            }

            return;
        }

        // No "type" beside nullable (allOf/anyOf/oneOf or $ref): null or whatever the rest allows.
        var rest = new JsonObject();
        foreach (var (key, value) in o.ToList())
        {
            o.Remove(key);
            rest[key] = value;
        }

        o["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, rest);
    }
}
