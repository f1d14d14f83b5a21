using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Pipeline;

/// <summary>
/// One authenticated call: route values plus parameters merged from query string, JSON body and form body,
/// because GitLab accepts parameters in any of them.
/// </summary>
internal sealed class ApiRequest
{
    public required HttpContext Http { get; init; }
    public required SandboxInstance Instance { get; init; }
    public required SandboxUser User { get; init; }
    public required JsonObject Args { get; init; }

    /// <summary>The knobs in force (body counting, rate limits).</summary>
    public SandboxLimits Limits { get; init; } = new();
    public List<SandboxUpload> Files { get; } = [];
    public DateTimeOffset Now => Instance.Time.GetUtcNow();

    public string Route(string name) =>
        Uri.UnescapeDataString(Http.Request.RouteValues[name]?.ToString() ?? "");

    public int? RouteInt(string name) => int.TryParse(Route(name), out var v) ? v : null;

    public long? RouteLong(string name) => long.TryParse(Route(name), out var v) ? v : null;

    public bool Has(string name) => Args.ContainsKey(name);

    public string? Str(string name) => Args[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonNode n => n.ToJsonString(),
    };

    public int? Int(string name) => int.TryParse(Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public long? Long(string name) => long.TryParse(Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public bool? Bool(string name) => Str(name)?.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>A comma-separated string or a JSON array, as both trackers accept one of them.</summary>
    public List<string>? List(string name) => Args[name] switch
    {
        null => null,
        JsonArray a => [.. a.Select(n => n is JsonObject o ? o["name"]?.GetValue<string>() ?? "" : n?.ToString() ?? "").Where(s => s.Length > 0)],
        _ => [.. (Str(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    };

    public int Page => Math.Max(1, Int("page") ?? 1);

    public int PerPage(int defaultSize) => Math.Clamp(Int("per_page") ?? defaultSize, 1, 100);
}
