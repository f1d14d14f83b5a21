using System.Text.Json.Nodes;
using Json.Pointer;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// Where a vendored schema is older than the tracker it describes, the correction is made here, in memory, never in
/// the vendored file. Each one names the tracker source it follows; docs/tracker-behaviour.md lists them too.
/// </summary>
public static class SchemaOverrides
{
    public sealed record Override(string File, string At, string Reason, Action<JsonObject> Apply);

    private const string UserBasicLocked =
        "lib/api/entities/user_basic.rb exposes `access_locked?, as: :locked`; issue.json's assignee objects predate it and forbid extra properties";

    public static readonly IReadOnlyList<Override> GitLab =
    [
        new("issue.json", "/properties/assignee/properties", UserBasicLocked, properties => properties["locked"] = new JsonObject { ["type"] = "boolean" }),
        new("issue.json", "/properties/assignees/items/properties", UserBasicLocked, properties => properties["locked"] = new JsonObject { ["type"] = "boolean" }),
        new("notes.json", "/items/properties",
            "lib/api/entities/note.rb exposes project_id, imported and imported_from; notes.json predates them and forbids extra properties",
            properties =>
            {
                properties["project_id"] = new JsonObject { ["type"] = "integer" };
                properties["imported"] = new JsonObject { ["type"] = "boolean" };
                properties["imported_from"] = new JsonObject { ["type"] = "string" };
            }),
        new("milestone.json", "/properties",
            "doc/api/milestones.md answers \"due_date\": \"2013-11-29\" (a date, as issue.json's own milestone allows with anyOf date-time|date); milestone.json says date-time",
            properties =>
            {
                foreach (var name in new[] { "start_date", "due_date" })
                {
                    var field = properties[name]!.AsObject();
                    field.Remove("format");
                    field["anyOf"] = new JsonArray(new JsonObject { ["format"] = "date-time" }, new JsonObject { ["format"] = "date" });
                }
            }),
    ];

    public static void ApplyTo(string file, JsonNode document)
    {
        foreach (var o in GitLab.Where(o => o.File == file))
        {
            if (!JsonPointer.Parse(o.At).TryEvaluate(document, out var target) || target is not JsonObject found)
            {
                throw new InvalidOperationException($"override of {file} at {o.At} finds nothing: the vendored file changed, review the override");
            }

            o.Apply(found);
        }
    }
}
