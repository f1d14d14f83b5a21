using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sync.Worker.Tests.Deploy;

/// <summary>
/// A validator for the part of JSON Schema draft-07 that values.schema.json uses. <see cref="Keywords"/> lists it;
/// a test fails when the schema uses anything else, so no keyword is silently ignored here.
/// </summary>
internal static class SchemaSubset
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "title", "description", "type", "properties", "required", "additionalProperties",
        "enum", "minimum", "maximum", "minLength", "pattern", "items",
    };

    public static IReadOnlyList<string> Validate(JsonNode? instance, JsonObject schema)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", errors);
        return errors;
    }

    private static void Check(JsonNode? node, JsonObject schema, string at, List<string> errors)
    {
        if (schema["type"] is { } type && !Types(type).Any(t => HasType(node, t)))
        {
            errors.Add($"{at}: {Kind(node)} is not of type {type.ToJsonString()}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add($"{at}: {node?.ToJsonString() ?? "null"} is not one of {allowed.ToJsonString()}");
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.GetValue<double>();
            if (schema["minimum"] is { } min && number < min.GetValue<double>())
            {
                errors.Add($"{at}: {number.ToString(CultureInfo.InvariantCulture)} is below the minimum {min}");
            }

            if (schema["maximum"] is { } max && number > max.GetValue<double>())
            {
                errors.Add($"{at}: {number.ToString(CultureInfo.InvariantCulture)} is above the maximum {max}");
            }
        }

        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var s = text.GetValue<string>();
            if (schema["minLength"] is { } minLength && s.Length < minLength.GetValue<int>())
            {
                errors.Add($"{at}: '{s}' is shorter than {minLength}");
            }

            if (schema["pattern"] is { } pattern && !Regex.IsMatch(s, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{at}: '{s}' does not match {pattern}");
            }
        }

        if (node is JsonObject obj)
        {
            CheckObject(obj, schema, at, errors);
        }

        if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{at}[{i}]", errors);
            }
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string at, List<string> errors)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!obj.ContainsKey(required!.GetValue<string>()))
            {
                errors.Add($"{at}: required property '{required}' is missing");
            }
        }

        foreach (var (key, child) in obj)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                Check(child, propertySchema, $"{at}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Check(child, additional, $"{at}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>())
            {
                errors.Add($"{at}: property '{key}' is not allowed");
            }
        }
    }

    private static IEnumerable<string> Types(JsonNode type) =>
        type is JsonArray many ? many.Select(t => t!.GetValue<string>()) : [type.GetValue<string>()];

    private static bool HasType(JsonNode? node, string type) => type switch
    {
        "null" => node is null,
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsInteger(v.GetValue<double>()),
        _ => throw new NotSupportedException($"JSON Schema type '{type}'"),
    };

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => $"{v.ToJsonString()} ({v.GetValueKind().ToString().ToLowerInvariant()})",
        _ => node.GetType().Name,
    };
}
