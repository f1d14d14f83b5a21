using System.Globalization;

namespace Sync.Worker.Configuration;

/// <summary>
/// Validates cron expressions in the syntax Hangfire accepts (Cronos): 5 fields, or 6 with seconds first,
/// lists, ranges, steps, month/day names, <c>?</c>, <c>L</c>, <c>W</c>, <c>#</c> and the @-macros.
/// Hangfire only rejects a bad cron when the job is registered; checking here lets start-up fail with the key.
/// </summary>
internal static class CronSyntax
{
    private static readonly HashSet<string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        "@every_second", "@every_minute", "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually",
    };

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private sealed record Field(string Name, int Min, int Max, string[]? Names, int NameBase);

    private static readonly Field Second = new("second", 0, 59, null, 0);
    private static readonly Field Minute = new("minute", 0, 59, null, 0);
    private static readonly Field Hour = new("hour", 0, 23, null, 0);
    private static readonly Field DayOfMonth = new("day of month", 1, 31, null, 0);
    private static readonly Field Month = new("month", 1, 12, MonthNames, 1);
    private static readonly Field DayOfWeek = new("day of week", 0, 7, DayNames, 0);

    /// <summary>Returns null when valid, else a short reason.</summary>
    public static string? Validate(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "is empty";
        }

        var text = expression.Trim();
        if (text.StartsWith('@'))
        {
            return Macros.Contains(text) ? null : $"'{text}' is not a known cron macro";
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Field[] fields = parts.Length switch
        {
            5 => [Minute, Hour, DayOfMonth, Month, DayOfWeek],
            6 => [Second, Minute, Hour, DayOfMonth, Month, DayOfWeek],
            _ => [],
        };
        if (fields.Length == 0)
        {
            return $"'{text}' has {parts.Length} field(s); a cron needs 5 (minute hour day month weekday) or 6 (with seconds)";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (ValidateField(parts[i], fields[i]) is { } reason)
            {
                return $"'{text}': {fields[i].Name} field '{parts[i]}' {reason}";
            }
        }

        return null;
    }

    private static string? ValidateField(string part, Field field)
    {
        if (part == "?" && (field == DayOfMonth || field == DayOfWeek))
        {
            return null;
        }

        foreach (var item in part.Split(','))
        {
            if (ValidateItem(item, field) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? ValidateItem(string item, Field field)
    {
        if (item.Length == 0)
        {
            return "has an empty list item";
        }

        if (field == DayOfMonth && (item is "L" or "LW" || (item.EndsWith('W') && IsValue(item[..^1], field))
            || (item.StartsWith("L-", StringComparison.Ordinal) && int.TryParse(item.AsSpan(2), out var offset) && offset is >= 0 and <= 30)))
        {
            return null;
        }

        if (field == DayOfWeek)
        {
            var hash = item.IndexOf('#', StringComparison.Ordinal);
            if (hash > 0)
            {
                return IsValue(item[..hash], field) && int.TryParse(item.AsSpan(hash + 1), out var nth) && nth is >= 1 and <= 5
                    ? null
                    : "has a bad '#' (expected weekday#1..5)";
            }

            if (item.Length > 1 && item.EndsWith('L') && IsValue(item[..^1], field))
            {
                return null;
            }
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash >= 0 ? item[..slash] : item;
        if (slash >= 0 && (!int.TryParse(item.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > field.Max))
        {
            return $"has a bad step (expected 1..{field.Max})";
        }

        if (range == "*")
        {
            return null;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return IsValue(range, field) ? null : $"is out of range ({field.Min}-{field.Max})";
        }

        return IsValue(range[..dash], field) && IsValue(range[(dash + 1)..], field)
            ? null
            : $"has a bad range (values {field.Min}-{field.Max})";
    }

    private static bool IsValue(string text, Field field)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value >= field.Min && value <= field.Max;
        }

        return field.Names is not null && Array.FindIndex(field.Names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) >= 0;
    }
}
