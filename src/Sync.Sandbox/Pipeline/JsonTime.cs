using System.Globalization;

namespace Sync.Sandbox.Pipeline;

/// <summary>The timestamp spellings each tracker uses on the wire.</summary>
internal static class JsonTime
{
    public static string LabTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? LabTime(DateTimeOffset? t) => t is { } v ? LabTime(v) : null;

    public static string HubTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? HubTime(DateTimeOffset? t) => t is { } v ? HubTime(v) : null;

    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v : null;

    public static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParse(s, CultureInfo.InvariantCulture, out var d) ? d : null;
}
