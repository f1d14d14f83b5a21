using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sync.Sandbox;

/// <summary>
/// One request other than GET that an emulated tracker received, as it was sent: <see cref="Body"/> is the body
/// text (for multipart, one line per field and per file with its name and byte length, never the file bytes).
/// </summary>
public sealed record SandboxRequestRecord(long Sequence, string Instance, string Method, string Path, string Query, string? ContentType, string Body)
{
    /// <summary>
    /// The body with its transport escapes undone, one "key=value" line per leaf: JSON string values unescaped
    /// (a client may send "&amp;" as \u0026) and form fields URL-decoded. Leak checks search this and <see cref="Body"/>.
    /// </summary>
    public string Text => Decode(ContentType, Body);

    /// <summary>True when <paramref name="value"/> appears anywhere the request carried it: path, query, raw or decoded body.</summary>
    public bool Contains(string value) =>
        Path.Contains(value, StringComparison.Ordinal)
        || Query.Contains(value, StringComparison.Ordinal)
        || Uri.UnescapeDataString(Query).Contains(value, StringComparison.Ordinal)
        || Body.Contains(value, StringComparison.Ordinal)
        || Text.Contains(value, StringComparison.Ordinal);

    private static string Decode(string? contentType, string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                var lines = new StringBuilder();
                Flatten(JsonNode.Parse(body), "", lines);
                return lines.ToString();
            }
            catch (JsonException)
            {
                return body;
            }
        }

        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var pairs = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            return string.Join('\n', pairs.SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));
        }

        return body;
    }

    private static void Flatten(JsonNode? node, string path, StringBuilder lines)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Flatten(value, path.Length == 0 ? key : $"{path}.{key}", lines);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Flatten(a[i], $"{path}[{i}]", lines);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                lines.Append(path).Append('=').Append(s).Append('\n');
                break;
            default:
                lines.Append(path).Append('=').Append(node?.ToJsonString() ?? "null").Append('\n');
                break;
        }
    }
}
