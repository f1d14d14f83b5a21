using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sync.Worker.Trackers.Discourse;

/// <summary>
/// Discourse error bodies: <c>{"errors":["..."],"error_type":"not_found"}</c> (ApplicationController#render_json_error),
/// with <c>extras.wait_seconds</c> on a 429. Read as one line, at most 300 characters: it goes into logs and errors.
/// </summary>
internal static class DiscourseErrorMessage
{
    private const int MaxLength = 300;

    public static string? Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(body);
            var errors = node is JsonObject o && o["errors"] is JsonArray a
                ? string.Join("; ", a.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()))
                : node.Str("error") ?? node.Str("message");
            if (string.IsNullOrWhiteSpace(errors))
            {
                return node.Str("error_type");
            }

            var line = string.Concat(errors.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
            return line.Length > MaxLength ? line[..MaxLength] + "…" : line;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
