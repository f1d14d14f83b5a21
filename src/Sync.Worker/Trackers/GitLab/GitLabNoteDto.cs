using System.Text.Json.Serialization;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>The documented GitLab v4 note object (fields IssueSync carries; the rest are ignored).</summary>
internal sealed record GitLabNoteDto
{
    [JsonPropertyName("id")] public required long Id { get; init; }

    [JsonPropertyName("body")] public string? Body { get; init; }

    [JsonPropertyName("author")] public required GitLabUserDto Author { get; init; }

    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }

    [JsonPropertyName("system")] public bool System { get; init; }

    [JsonPropertyName("internal")] public bool? Internal { get; init; }

    /// <summary>The older name of <see cref="Internal"/>; either one set makes the note internal.</summary>
    [JsonPropertyName("confidential")] public bool? Confidential { get; init; }

    public TrackerComment ToComment() => new()
    {
        Id = Id,
        Body = Body ?? string.Empty,
        Author = new TrackerUser(Author.Username, Author.Id),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt ?? CreatedAt,
        System = System,
        Internal = Internal == true || Confidential == true,
    };
}

/// <summary>The documented award emoji object; <c>awardable_*</c> and <c>updated_at</c> are not carried.</summary>
internal sealed record GitLabAwardEmojiDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("user")] GitLabUserDto User,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public TrackerReaction ToReaction() => new(Id, Name, new TrackerUser(User.Username, User.Id), CreatedAt);
}
