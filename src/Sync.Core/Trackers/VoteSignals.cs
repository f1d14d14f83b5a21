namespace Sync.Core.Trackers;

/// <summary>Which issues a vote-signal read covers.</summary>
/// <param name="State">Open issues of the project (the public project), or All.</param>
/// <param name="Numbers">Only these issues (moved sources, closed duplicates); null: every issue of <paramref name="State"/>.</param>
/// <param name="Comments">Also the comments' signals (when comment votes count).</param>
public sealed record VoteSignalQuery(IssueStateFilter State = IssueStateFilter.Open, IReadOnlyCollection<long>? Numbers = null, bool Comments = false);

/// <summary>
/// One issue's vote signal as a bulk read gives it: the reaction counts by name (GitHub: the issue's <c>reactions</c>
/// rollup, every content; GitLab: every award name counted from the award list when it is complete) and, where the
/// tracker hands them out in bulk (GitLab GraphQL), the voters themselves. Voters null: only the counts are known
/// (GitHub's rollup), or the bulk read was cut short (more awards than a page): read them per issue.
/// </summary>
/// <param name="Author">The issue's author (their own vote does not count), when the read gives it.</param>
/// <param name="Title">The issue's title, for the summary, when the read gives it.</param>
/// <param name="Anonymous">
/// Votes known only as a number (a forum's GitHub Discussions <c>upvoteCount</c>, a CSV export's vote count): carried
/// beside the voters, never merged with them, shown separately ("+42 from the forum"). Zero on issue trackers.
/// </param>
public sealed record IssueVoteSignal(
    long Number,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<TrackerReaction>? Voters,
    IReadOnlyList<CommentVoteSignal>? Comments = null,
    TrackerUser? Author = null,
    string? Title = null,
    int Anonymous = 0);

/// <summary>One comment's vote signal (see <see cref="IssueVoteSignal"/>).</summary>
public sealed record CommentVoteSignal(long CommentId, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<TrackerReaction>? Voters);
