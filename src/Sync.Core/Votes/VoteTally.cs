using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>Turns reactions into a <see cref="DemandSignal"/>.</summary>
/// <remarks>
/// A voter who gave both thumbs up and thumbs down (in any tone, on any merged source) counts in one
/// direction only: their most recent up/down reaction wins, because people change their mind and the later
/// reaction is the one they left standing. Reactions at the same instant are ordered by reaction id; failing
/// that, down wins, so an ambiguous voter never inflates demand. The window is tallied from the in-window
/// reactions alone, so there the most recent in-window vote wins.
/// </remarks>
public static class VoteTally
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<List<IdentityLink>, VoterIdentity> Identities = new();

    public static DemandSignal Count(IssueVotes input, VoteRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);

        var votes = Eligible(input, rules).ToList();
        var windowStart = now.AddDays(-rules.WindowDays);
        var all = Tally(votes);
        var recent = Tally(votes.Where(v => v.Reaction.CreatedAt >= windowStart).ToList());
        var voters = votes.Select(v => v.Voter).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lastVoted = votes
            .GroupBy(v => v.Voter, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(v => v.Reaction.CreatedAt), StringComparer.Ordinal);
        return new DemandSignal(all, recent, voters) { LastVotedAt = lastVoted };
    }

    private sealed record Vote(string Voter, TrackerReaction Reaction, VoteClass Class);

    private static IEnumerable<Vote> Eligible(IssueVotes input, VoteRules rules)
    {
        // Built once per identity map, not per issue: resolving the map is most of the cost of a small tally.
        var identity = Identities.GetValue(rules.IdentityMap, static links => new VoterIdentity(VoteRules.Pairs(links)));
        var author = identity.Canonical(input.Host, input.AuthorUsername);
        var bots = new HashSet<string>(rules.Bots, StringComparer.OrdinalIgnoreCase);

        foreach (var source in input.Sources())
        {
            var reactions = rules.CountCommentVotes
                ? source.Reactions.Concat(source.CommentReactions ?? [])
                : source.Reactions;

            foreach (var reaction in reactions)
            {
                var kind = VoteClassifier.Classify(reaction.Name, rules);
                if (kind.Kind == VoteKind.None || bots.Contains(reaction.User.Username))
                {
                    continue;
                }

                var voter = identity.Canonical(source.Host, reaction.User.Username);
                if (rules.ExcludeAuthor && voter == author)
                {
                    continue;
                }

                yield return new Vote(voter, reaction, kind);
            }
        }
    }

    private static VoteCounts Tally(IReadOnlyList<Vote> votes)
    {
        int up = 0, down = 0;
        double extra = 0;
        foreach (var byVoter in votes.GroupBy(v => v.Voter, StringComparer.Ordinal))
        {
            var direction = byVoter
                .Where(v => v.Class.Kind is VoteKind.Up or VoteKind.Down)
                .OrderBy(v => v.Reaction.CreatedAt)
                .ThenBy(v => v.Reaction.Id)
                .ThenBy(v => v.Class.Kind == VoteKind.Down)
                .LastOrDefault();
            if (direction?.Class.Kind == VoteKind.Up)
            {
                up++;
            }
            else if (direction?.Class.Kind == VoteKind.Down)
            {
                down++;
            }

            // One weight per emoji name per voter: a heart on the issue and its moved copy is one heart.
            extra += byVoter
                .Where(v => v.Class.Kind == VoteKind.Extra)
                .DistinctBy(v => v.Reaction.Name.ToLowerInvariant())
                .Sum(v => v.Class.Weight);
        }

        var voterCount = votes.Select(v => v.Voter).Distinct(StringComparer.Ordinal).Count();
        return new VoteCounts(up, down, up - down + extra, voterCount);
    }
}
