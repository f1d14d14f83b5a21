namespace Sync.Core.Roadmap;

/// <summary>An issue of the public project as the roadmap builder sees it.</summary>
/// <param name="Open">Whether the issue is open.</param>
/// <param name="Completed">
/// Closed as completed. The caller decides: duplicates, "not planned" and moved issues are not completed, so they never
/// show as shipped.
/// </param>
/// <param name="ClosedAt">When the issue was closed, null while open.</param>
/// <param name="Milestone">Milestone title, null when none.</param>
/// <param name="Up">Thumbs up (demand) as last counted.</param>
/// <param name="UpChange">Change of <paramref name="Up"/> over the last 7 days.</param>
/// <param name="RiceScore">RICE score, null when not scored or needing input.</param>
/// <param name="RiceBucket">RICE bucket label value, null when RICE is off.</param>
/// <param name="Confidential">Visible to project members only: never placed on the roadmap, whatever its rank.</param>
/// <param name="NeedsInput">
/// RICE is on for the product and the issue has no score (impact or effort missing, or not scored yet): an open one
/// that gets no place in Now, Next or Later is listed under Needs input instead of dropped.
/// </param>
public sealed record RoadmapCandidate(
    long Number,
    string Title,
    string Url,
    bool Open,
    bool Completed,
    DateTimeOffset? ClosedAt,
    string? Milestone,
    int Up,
    int UpChange,
    double? RiceScore,
    string? RiceBucket,
    bool Confidential,
    bool NeedsInput = false)
{
    /// <summary>Votes a forum the issue came from knows only as a number: they rank with <see cref="Up"/>, shown apart.</summary>
    public int ForumVotes { get; init; }
}
