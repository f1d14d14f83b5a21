using System.Text.Json.Serialization;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>The documented project label object (counts, priority and text colour are not carried).</summary>
internal sealed record GitLabLabelDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("color")] string? Color,
    [property: JsonPropertyName("description")] string? Description)
{
    public TrackerLabel ToLabel() => new(Name, HexColor(Color ?? string.Empty), Description);

    /// <summary>The port and GitLab both use <c>#RRGGBB</c>; tolerate a colour without the <c>#</c>.</summary>
    public static string HexColor(string color) => color.StartsWith('#') ? color : "#" + color;
}
