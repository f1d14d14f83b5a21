using System.Text.Json.Serialization;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>The documented GitLab v4 issue object (the fields IssueSync carries; the rest are ignored).</summary>
internal sealed record GitLabIssueDto
{
    [JsonPropertyName("id")] public required long Id { get; init; }

    [JsonPropertyName("iid")] public required long Iid { get; init; }

    [JsonPropertyName("project_id")] public long ProjectId { get; init; }

    [JsonPropertyName("title")] public required string Title { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    [JsonPropertyName("state")] public required string State { get; init; }

    [JsonPropertyName("labels")] public IReadOnlyList<string>? Labels { get; init; }

    [JsonPropertyName("milestone")] public GitLabMilestoneDto? Milestone { get; init; }

    [JsonPropertyName("author")] public required GitLabUserDto Author { get; init; }

    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")] public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("closed_at")] public DateTimeOffset? ClosedAt { get; init; }

    [JsonPropertyName("confidential")] public bool Confidential { get; init; }

    [JsonPropertyName("upvotes")] public int Upvotes { get; init; }

    [JsonPropertyName("downvotes")] public int Downvotes { get; init; }

    [JsonPropertyName("user_notes_count")] public int UserNotesCount { get; init; }

    [JsonPropertyName("web_url")] public string? WebUrl { get; init; }

    [JsonPropertyName("weight")] public int? Weight { get; init; }

    [JsonPropertyName("moved_to_id")] public long? MovedToId { get; init; }

    [JsonPropertyName("_links")] public GitLabIssueLinksDto? Links { get; init; }
}

internal sealed record GitLabUserDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("username")] string Username);

internal sealed record GitLabIssueLinksDto(
    [property: JsonPropertyName("closed_as_duplicate_of")] string? ClosedAsDuplicateOf);
