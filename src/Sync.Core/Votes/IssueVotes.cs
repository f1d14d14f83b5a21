using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>Reactions from one issue on one tracker.</summary>
/// <param name="Host">Tracker name the usernames belong to (as used in <see cref="VoteRules.IdentityMap"/>).</param>
/// <param name="Anonymous">Votes known only as a number (a forum's count without voters): never merged, added on top.</param>
public sealed record VoteSource(
    string Host,
    IReadOnlyList<TrackerReaction> Reactions,
    IReadOnlyList<TrackerReaction>? CommentReactions = null,
    int Anonymous = 0);

/// <summary>Everything that votes for one issue.</summary>
/// <param name="Host">Tracker name of the issue itself.</param>
/// <param name="AuthorUsername">The issue's author on <paramref name="Host"/>.</param>
/// <param name="CommentReactions">Counted only when <see cref="VoteRules.CountCommentVotes"/> is on.</param>
/// <param name="Additional">
/// Other issues whose demand feeds this one: a moved issue's source, duplicates closed into it.
/// Their voters are merged by canonical identity, so nobody counts twice.
/// </param>
public sealed record IssueVotes(
    string Host,
    string AuthorUsername,
    IReadOnlyList<TrackerReaction> Reactions,
    IReadOnlyList<TrackerReaction>? CommentReactions = null,
    IReadOnlyList<VoteSource>? Additional = null)
{
    /// <summary>
    /// Votes known only as a number on the issue's own source (a forum idea's <c>upvoteCount</c>, a CSV count): they
    /// have no identity to merge and no time, so they are added on top and shown apart.
    /// </summary>
    public int Anonymous { get; init; }

    /// <summary>
    /// The votes as they stood at <paramref name="at"/>: only the reactions given by then. A reaction removed since is
    /// not known, so this is what the present reactions say of the past, not a record of it.
    /// </summary>
    public IssueVotes AsOf(DateTimeOffset at)
    {
        static List<TrackerReaction> Before(IReadOnlyList<TrackerReaction> reactions, DateTimeOffset at) => [.. reactions.Where(r => r.CreatedAt <= at)];
        return this with
        {
            Reactions = Before(Reactions, at),
            CommentReactions = CommentReactions is null ? null : Before(CommentReactions, at),
            Additional = Additional is null ? null : [.. Additional.Select(s => s with
            {
                Reactions = Before(s.Reactions, at),
                CommentReactions = s.CommentReactions is null ? null : Before(s.CommentReactions, at),
            })],
        };
    }

    /// <summary>The issue's own reactions followed by every additional source.</summary>
    public IEnumerable<VoteSource> Sources()
    {
        yield return new VoteSource(Host, Reactions, CommentReactions, Anonymous);
        foreach (var source in Additional ?? [])
        {
            yield return source;
        }
    }
}
