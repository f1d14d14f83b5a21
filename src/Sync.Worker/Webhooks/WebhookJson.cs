using System.Text.Json;

namespace Sync.Worker.Webhooks;

/// <summary>Small readers over a parsed payload; a missing or mistyped member reads as null.</summary>
internal static class WebhookJson
{
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Number(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) && number > 0 ? number : null;

    /// <summary>Parses, reporting only where the JSON broke: the payload may be confidential, so none of it is quoted.</summary>
    public static bool TryParse(byte[] body, out JsonDocument? document, out string error)
    {
        try
        {
            document = JsonDocument.Parse(body);
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            error = $"invalid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine})";
            return false;
        }
    }

    /// <summary>An event or header value fit for a log line or a reply: printable, short.</summary>
    public static string Printable(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(none)";
        }

        var clean = new string([.. value.Where(c => !char.IsControl(c)).Take(60)]);
        return clean.Length == 0 ? "(none)" : clean;
    }
}
