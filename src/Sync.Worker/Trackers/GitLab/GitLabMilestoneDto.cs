using System.Text.Json.Serialization;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// The documented project milestone object, also embedded in issues (where only <see cref="Title"/> is read).
/// <c>iid</c>, dates other than <c>due_date</c>, <c>expired</c> and <c>web_url</c> are not carried.
/// </summary>
internal sealed record GitLabMilestoneDto
{
    [JsonPropertyName("id")] public long Id { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>active</c> or <c>closed</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("due_date")] public DateOnly? DueDate { get; init; }

    public TrackerMilestone ToMilestone() => new(Id, Title ?? string.Empty, State == "closed", DueDate, Description);
}
