using System.Text.Json.Serialization;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>The documented project issue board object; project, milestone, assignee, weight are not carried.</summary>
internal sealed record GitLabBoardDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("lists")] IReadOnlyList<GitLabBoardListDto>? Lists);

/// <summary>One board list; only label lists (<see cref="Label"/> set) are managed by IssueSync.</summary>
internal sealed record GitLabBoardListDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("label")] GitLabLabelDto? Label,
    [property: JsonPropertyName("position")] int? Position,
    [property: JsonPropertyName("list_type")] string? ListType);
