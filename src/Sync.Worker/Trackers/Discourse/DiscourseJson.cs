using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sync.Worker.Trackers.Discourse;

/// <summary>
/// Typed reads of Discourse JSON that never throw on a field of the wrong type: a forum's answers are hostile input, and
/// some fields changed shape across versions (a topic's <c>tags</c> are strings, or objects with a <c>name</c> on newer
/// sites; the voting plugin's <c>vote_count</c> is absent where it is not installed).
/// </summary>
internal static class DiscourseJson
{
    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Long(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    public static bool Flag(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool Present(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is { } v && v.GetValueKind() != JsonValueKind.Null;

    public static DateTimeOffset? Time(this JsonNode? node, string name) =>
        DateTimeOffset.TryParse(node.Str(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a.OfType<JsonObject>() : [];

    public static JsonObject? Obj(this JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    /// <summary>Tag names: plain strings (most versions) or objects carrying <c>name</c>.</summary>
    public static IReadOnlyList<string> Tags(this JsonNode? node) =>
        node is JsonObject o && o["tags"] is JsonArray a
            ? [.. a.Select(t => t switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonObject tag => tag.Str("name") ?? tag.Str("id"),
                _ => null,
            }).OfType<string>().Where(t => t.Length > 0)]
            : [];

    /// <summary>The ids of a topic's <c>post_stream.stream</c> (every post id, in topic order).</summary>
    public static IReadOnlyList<long> Stream(this JsonNode? topic) =>
        topic.Obj("post_stream") is { } stream && stream["stream"] is JsonArray ids
            ? [.. ids.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _)).Select(v => v.GetValue<long>())]
            : [];

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
