using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>Octokit models of comments, reactions, labels and milestones to the port's records.</summary>
internal static class GitHubContentMapper
{
    public static TrackerComment ToComment(IssueComment comment, string trackerName) => new()
    {
        Id = comment.Id,
        Body = comment.Body ?? string.Empty,
        Author = User(comment.User, trackerName, $"comment {comment.Id}"),
        CreatedAt = comment.CreatedAt,
        UpdatedAt = comment.UpdatedAt ?? comment.CreatedAt,
    };

    public static TrackerReaction ToReaction(GitHubReaction reaction, string trackerName) => new(
        reaction.Id,
        reaction.Content ?? throw new TrackerProtocolException(trackerName, $"reaction {reaction.Id} has no content"),
        User(reaction.User, trackerName, $"reaction {reaction.Id}"),
        reaction.CreatedAt);

    /// <summary>GitHub colours have no '#'; the port always does.</summary>
    public static TrackerLabel ToLabel(Label label) =>
        new(label.Name, "#" + (label.Color ?? string.Empty).TrimStart('#').ToLowerInvariant(), label.Description);

    public static string WireColor(string portColor) => portColor.Trim().TrimStart('#').ToLowerInvariant();

    public static TrackerMilestone ToMilestone(Milestone milestone) => new(
        milestone.Number,
        milestone.Title,
        milestone.State.StringValue == "closed",
        milestone.DueOn is { } due ? DateOnly.FromDateTime(due.UtcDateTime) : null,
        milestone.Description);

    private static TrackerUser User(User? user, string trackerName, string what) =>
        user is null
            ? throw new TrackerProtocolException(trackerName, $"{what} has no user")
            : new TrackerUser(user.Login, user.Id);
}

/// <summary>
/// A reaction as the REST API sends it. Octokit's <c>Reaction</c> model drops <c>created_at</c>, which the port carries,
/// so reactions are read into this type (Octokit's serializer maps snake_case to these properties).
/// </summary>
internal sealed class GitHubReaction
{
    public long Id { get; init; }

    public string? Content { get; init; }

    public User? User { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
