namespace Sync.Core.Trackers;

/// <summary>
/// A project on a configured tracker, written <c>&lt;tracker&gt;:&lt;path&gt;</c> in configuration
/// (for example <c>public:acme/widget</c>).
/// </summary>
public sealed record ProjectRef(string Tracker, string Path)
{
    public override string ToString() => $"{Tracker}:{Path}";

    /// <summary>Parses <c>tracker:group/project</c>; returns false with a reason when malformed.</summary>
    public static bool TryParse(string? text, out ProjectRef? project, out string error)
    {
        project = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; expected '<tracker>:<group>/<project>'";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not of the form '<tracker>:<group>/<project>'";
            return false;
        }

        var tracker = text[..colon].Trim();
        var path = text[(colon + 1)..].Trim().Trim('/');
        var segments = path.Split('/');
        if (segments.Length < 2 || segments.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
        {
            error = $"'{text}' has no valid project path after '{tracker}:' (expected '<group>/<project>')";
            return false;
        }

        project = new ProjectRef(tracker, path);
        error = string.Empty;
        return true;
    }

    public static ProjectRef Parse(string text) =>
        TryParse(text, out var project, out var error) ? project! : throw new FormatException(error);
}
