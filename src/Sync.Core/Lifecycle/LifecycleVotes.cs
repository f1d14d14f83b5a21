using Sync.Core.Votes;

namespace Sync.Core.Lifecycle;

/// <summary>
/// A candidate's votes as IssueSync counts them (the votes step's <see cref="DemandDocument"/>): the people whose vote is
/// up (<see cref="DemandDocument.Up"/>: a person counts once, a down or extra-only voter not at all) plus the forum's
/// votes known only as a number.
/// </summary>
/// <param name="Total">Every vote counted now.</param>
/// <param name="InWindow">
/// Votes at or before the window's end: voters whose latest counted reaction is at or before it (bounded by the up
/// voters: a voter's latest reaction may be another emoji) plus the anonymous forum votes (which carry no time).
/// </param>
public sealed record LifecycleVotes(int Total, int InWindow)
{
    public static LifecycleVotes None { get; } = new(0, 0);

    public static LifecycleVotes Of(DemandDocument? demand, DateTimeOffset windowEnd)
    {
        if (demand is null)
        {
            return None;
        }

        var anonymous = Math.Max(0, demand.Anonymous);
        var inWindow = Math.Min(demand.Up, demand.LastVotedAt.Values.Count(at => at <= windowEnd));
        return new(demand.Up + anonymous, inWindow + anonymous);
    }
}
