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
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, VoterIdentity> Identities = new();

    public static DemandSignal Count(IssueVotes input, VoteRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);

        // Built once per identity map, not per issue: resolving the map is most of the cost of a small tally.
        var identity = Identities.GetValue(rules.IdentityMap, static map => new VoterIdentity(map));
        var pass = new TallyPass(rules, identity.Canonical(input.Host, input.AuthorUsername), now.AddDays(-rules.WindowDays));

        // The issue's own reactions first, then every additional source, in the order IssueVotes.Sources() gives.
        pass.Add(identity, input.Host, input.Reactions, input.CommentReactions);
        foreach (var source in input.Additional ?? [])
        {
            pass.Add(identity, source.Host, source.Reactions, source.CommentReactions);
        }

        return pass.ToSignal();
    }

    /// <summary>
    /// One pass over the eligible reactions, grouped by voter in order of first appearance (the order the sums of extra
    /// weights are added in, so the totals are the same to the last bit as a grouping would give).
    /// </summary>
    private sealed class TallyPass(VoteRules rules, string author, DateTimeOffset windowStart)
    {
        private readonly List<Voter> _voters = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<Extra> _extras = [];
        private readonly List<int> _recentOrder = [];
        private HashSet<string>? _bots;

        public void Add(VoterIdentity identity, string host, IReadOnlyList<TrackerReaction> reactions, IReadOnlyList<TrackerReaction>? commentReactions)
        {
            AddAll(identity, host, reactions);
            if (rules.CountCommentVotes && commentReactions is not null)
            {
                AddAll(identity, host, commentReactions);
            }
        }

        private void AddAll(VoterIdentity identity, string host, IReadOnlyList<TrackerReaction> reactions)
        {
            for (var i = 0; i < reactions.Count; i++)
            {
                var reaction = reactions[i];
                var kind = VoteClassifier.Kind(reaction.Name, rules, out var weight);
                if (kind == VoteKind.None || IsBot(reaction.User.Username))
                {
                    continue;
                }

                var voter = identity.Canonical(host, reaction.User.Username);
                if (rules.ExcludeAuthor && voter == author)
                {
                    continue;
                }

                AddVote(voter, reaction, kind, weight);
            }
        }

        private bool IsBot(string username)
        {
            var bots = rules.Bots;
            if (bots.Count <= 8)
            {
                for (var i = 0; i < bots.Count; i++)
                {
                    if (string.Equals(bots[i], username, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            }

            _bots ??= new HashSet<string>(bots, StringComparer.OrdinalIgnoreCase);
            return _bots.Contains(username);
        }

        private void AddVote(string name, TrackerReaction reaction, VoteKind kind, double weight)
        {
            if (!_index.TryGetValue(name, out var at))
            {
                at = _voters.Count;
                _index.Add(name, at);
                _voters.Add(new Voter(name, reaction.CreatedAt));
            }

            var voter = _voters[at];
            var recent = reaction.CreatedAt >= windowStart;
            if (recent && !voter.Recent)
            {
                voter.Recent = true;
                _recentOrder.Add(at);
            }

            // Max as LINQ's Max keeps it: the first of equal instants stays.
            if (DateTimeOffset.Compare(reaction.CreatedAt, voter.LastVotedAt) > 0)
            {
                voter.LastVotedAt = reaction.CreatedAt;
            }

            if (kind is VoteKind.Up or VoteKind.Down)
            {
                var down = kind == VoteKind.Down;
                voter.All = Direction.Later(voter.All, reaction, down);
                if (recent)
                {
                    voter.InWindow = Direction.Later(voter.InWindow, reaction, down);
                }
            }
            else
            {
                var extra = new Extra(reaction.Name.ToLowerInvariant(), weight, recent, Next: -1);
                if (voter.LastExtra >= 0)
                {
                    _extras[voter.LastExtra] = _extras[voter.LastExtra] with { Next = _extras.Count };
                }
                else
                {
                    voter.FirstExtra = _extras.Count;
                }

                voter.LastExtra = _extras.Count;
                _extras.Add(extra);
            }

            _voters[at] = voter;
        }

        public DemandSignal ToSignal()
        {
            var all = Counts(window: false);
            var recent = Counts(window: true);
            var names = new List<string>(_voters.Count);
            var lastVoted = new Dictionary<string, DateTimeOffset>(_voters.Count, StringComparer.Ordinal);
            foreach (var voter in _voters)
            {
                names.Add(voter.Name);
                lastVoted.Add(voter.Name, voter.LastVotedAt);
            }

            names.Sort(StringComparer.Ordinal);
            return new DemandSignal(all, recent, names) { LastVotedAt = lastVoted };
        }

        private VoteCounts Counts(bool window)
        {
            int up = 0, down = 0;
            double extra = 0;
            var count = window ? _recentOrder.Count : _voters.Count;
            for (var i = 0; i < count; i++)
            {
                var voter = _voters[window ? _recentOrder[i] : i];
                var direction = window ? voter.InWindow : voter.All;
                if (direction.Kind == VoteKind.Up)
                {
                    up++;
                }
                else if (direction.Kind == VoteKind.Down)
                {
                    down++;
                }

                extra += ExtraWeight(voter.FirstExtra, window);
            }

            return new VoteCounts(up, down, up - down + extra, count);
        }

        /// <summary>One weight per emoji name per voter, in order: a heart on the issue and its moved copy is one heart.</summary>
        private double ExtraWeight(int first, bool window)
        {
            double sum = 0;
            for (var i = first; i >= 0; i = _extras[i].Next)
            {
                var extra = _extras[i];
                if (window && !extra.Recent)
                {
                    continue;
                }

                var seen = false;
                for (var j = first; j != i; j = _extras[j].Next)
                {
                    if ((!window || _extras[j].Recent) && string.Equals(_extras[j].Name, extra.Name, StringComparison.Ordinal))
                    {
                        seen = true;
                        break;
                    }
                }

                if (!seen)
                {
                    sum += extra.Weight;
                }
            }

            return sum;
        }
    }

    /// <summary>A voter's standing up/down vote: the latest by time, then reaction id, then down over up.</summary>
    private readonly record struct Direction(VoteKind Kind, DateTimeOffset At, long Id)
    {
        public static Direction Later(Direction current, TrackerReaction reaction, bool down)
        {
            if (current.Kind == VoteKind.None)
            {
                return new Direction(down ? VoteKind.Down : VoteKind.Up, reaction.CreatedAt, reaction.Id);
            }

            var order = DateTimeOffset.Compare(reaction.CreatedAt, current.At);
            if (order == 0)
            {
                order = reaction.Id.CompareTo(current.Id);
            }

            if (order == 0)
            {
                order = down.CompareTo(current.Kind == VoteKind.Down);
            }

            return order > 0 ? new Direction(down ? VoteKind.Down : VoteKind.Up, reaction.CreatedAt, reaction.Id) : current;
        }
    }

    private record struct Voter(string Name, DateTimeOffset LastVotedAt)
    {
        public bool Recent { get; set; }

        public Direction All { get; set; }

        public Direction InWindow { get; set; }

        public int FirstExtra { get; set; } = -1;

        public int LastExtra { get; set; } = -1;
    }

    private readonly record struct Extra(string Name, double Weight, bool Recent, int Next);
}
