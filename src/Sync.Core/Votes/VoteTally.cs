using System.Runtime.InteropServices;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>Turns reactions into a <see cref="DemandSignal"/>.</summary>
/// <remarks>
/// A voter who gave both thumbs up and thumbs down (in any tone, on any merged source) counts in one
/// direction only: their most recent up/down reaction wins, because people change their mind and the later
/// reaction is the one they left standing. Reactions at the same instant are ordered by reaction id; failing
/// that, down wins, so an ambiguous voter never inflates demand. The window is tallied from the in-window
/// reactions alone, so there the most recent in-window vote wins.
/// <para>
/// A tally is one pass over the reactions (a product's pass tallies every open issue, 100,000 in the bench): voters are
/// grouped in first-seen order, which is the order the extra weights are summed in, so the doubles come out exactly as
/// a LINQ grouping gave them; each voter's key is built in a buffer and only a voter's first reaction allocates its name.
/// </para>
/// </remarks>
public static class VoteTally
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<List<IdentityLink>, VoterIdentity> Identities = new();

    // The working state of a tally, reused by the next tally on the same thread (a tally never calls another).
    [ThreadStatic]
    private static TallyPass? t_pass;

    public static DemandSignal Count(IssueVotes input, VoteRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);

        // Built once per identity map, not per issue: resolving the map is most of the cost of a small tally.
        var identity = Identities.GetValue(rules.IdentityMap, static links => new VoterIdentity(VoteRules.Pairs(links)));
        var pass = t_pass ??= new TallyPass();
        pass.Start(rules, identity, identity.Canonical(input.Host, input.AuthorUsername), now.AddDays(-rules.WindowDays));

        // The issue's own reactions first, then every additional source, in the order IssueVotes.Sources() gives.
        pass.Add(input.Host, input.Reactions, input.CommentReactions);
        var anonymous = input.Anonymous;
        foreach (var source in input.Additional ?? [])
        {
            pass.Add(source.Host, source.Reactions, source.CommentReactions);
            anonymous += source.Anonymous;
        }

        return pass.ToSignal() with { Anonymous = Math.Max(0, anonymous) };
    }

    private sealed class TallyPass
    {
        // Past this many voters or extras, a pass drops its buffers rather than keep them for the thread's lifetime.
        private const int KeepAtMost = 4096;
        private const int MaxStackKey = 256;

        private readonly List<Voter> _voters = [];
        private readonly List<Extra> _extras = [];
        private readonly List<int> _recentOrder = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (VoteKind Kind, double Weight)> _kinds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
        private VoteRules _rules = new();
        private VoterIdentity? _identity;
        private IReadOnlyDictionary<string, double>? _kindsFor;
        private HashSet<string>? _bots;
        private IReadOnlyList<string>? _botsFor;
        private string _author = string.Empty;
        private DateTimeOffset _windowStart;

        public TallyPass() => _indexBySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();

        public void Start(VoteRules rules, VoterIdentity identity, string author, DateTimeOffset windowStart)
        {
            if (_voters.Count > KeepAtMost || _extras.Count > KeepAtMost)
            {
                _voters.Capacity = 0;
                _extras.Capacity = 0;
                _recentOrder.Capacity = 0;
                _index.Clear();
                _index.TrimExcess();
            }

            _voters.Clear();
            _extras.Clear();
            _recentOrder.Clear();
            _index.Clear();

            // What an emoji name means depends only on the name and the rules' extra emoji: kept while those stay.
            if (!ReferenceEquals(_kindsFor, rules.ExtraEmoji) || _kinds.Count > 256)
            {
                _kinds.Clear();
                _kindsFor = rules.ExtraEmoji;
            }

            if (!ReferenceEquals(_botsFor, rules.Bots))
            {
                _bots = null;
                _botsFor = rules.Bots;
            }

            (_rules, _identity, _author, _windowStart) = (rules, identity, author, windowStart);
        }

        public void Add(string host, IReadOnlyList<TrackerReaction> reactions, IReadOnlyList<TrackerReaction>? commentReactions)
        {
            AddAll(host, reactions);
            if (_rules.CountCommentVotes && commentReactions is not null)
            {
                AddAll(host, commentReactions);
            }
        }

        private void AddAll(string host, IReadOnlyList<TrackerReaction> reactions)
        {
            for (var i = 0; i < reactions.Count; i++)
            {
                var reaction = reactions[i];
                var (kind, weight) = Classify(reaction.Name);
                if (kind == VoteKind.None || IsBot(reaction.User.Username))
                {
                    continue;
                }

                var at = VoterAt(host, reaction);
                if (at >= 0)
                {
                    AddVote(at, reaction, kind, weight);
                }
            }
        }

        private (VoteKind Kind, double Weight) Classify(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_kinds, name, out var exists);
            if (!exists)
            {
                known.Kind = VoteClassifier.Kind(name, _rules, out known.Weight);
            }

            return known;
        }

        private bool IsBot(string username)
        {
            var bots = _rules.Bots;
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

        /// <summary>The index of the reaction's voter (added when new); -1 when the voter is the excluded author.</summary>
        private int VoterAt(string host, TrackerReaction reaction)
        {
            var username = reaction.User.Username;
            ArgumentException.ThrowIfNullOrWhiteSpace(host);
            ArgumentException.ThrowIfNullOrWhiteSpace(username);
            var length = host.Length + 1 + username.Length;
            if (length > MaxStackKey)
            {
                return IndexOf(_identity!.Canonical(host, username), reaction);
            }

            // VoterIdentity.Key's "host:username", trimmed and lower-cased, built without a string.
            Span<char> raw = stackalloc char[length];
            host.CopyTo(raw);
            raw[host.Length] = ':';
            username.CopyTo(raw[(host.Length + 1)..]);
            ReadOnlySpan<char> trimmed = ((ReadOnlySpan<char>)raw).Trim();
            Span<char> key = stackalloc char[trimmed.Length];
            trimmed.ToLowerInvariant(key);

            if (_identity!.TryMapped(key, out var mapped))
            {
                return IndexOf(mapped, reaction);
            }

            if (_rules.ExcludeAuthor && ((ReadOnlySpan<char>)key).SequenceEqual(_author))
            {
                return -1;
            }

            if (_indexBySpan.TryGetValue(key, out var at))
            {
                return at;
            }

            return NewVoter(new string(key), reaction);
        }

        private int IndexOf(string voter, TrackerReaction reaction)
        {
            if (_rules.ExcludeAuthor && voter == _author)
            {
                return -1;
            }

            return _index.TryGetValue(voter, out var at) ? at : NewVoter(voter, reaction);
        }

        private int NewVoter(string voter, TrackerReaction reaction)
        {
            var at = _voters.Count;
            _index.Add(voter, at);
            _voters.Add(new Voter { Name = voter, LastVotedAt = reaction.CreatedAt, FirstExtra = -1, LastExtra = -1 });
            return at;
        }

        private void AddVote(int at, TrackerReaction reaction, VoteKind kind, double weight)
        {
            ref var voter = ref CollectionsMarshal.AsSpan(_voters)[at];
            var recent = reaction.CreatedAt >= _windowStart;
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
                voter.All.Take(reaction, down);
                if (recent)
                {
                    voter.InWindow.Take(reaction, down);
                }

                return;
            }

            var next = _extras.Count;
            if (voter.LastExtra >= 0)
            {
                CollectionsMarshal.AsSpan(_extras)[voter.LastExtra].Next = next;
            }
            else
            {
                voter.FirstExtra = next;
            }

            voter.LastExtra = next;
            _extras.Add(new Extra { Name = reaction.Name.ToLowerInvariant(), Weight = weight, Recent = recent, Next = -1 });
        }

        public DemandSignal ToSignal()
        {
            var all = Counts(window: false);
            var recent = Counts(window: true);
            var names = new List<string>(_voters.Count);
            var lastVoted = new Dictionary<string, DateTimeOffset>(_voters.Count, StringComparer.Ordinal);
            foreach (ref readonly var voter in CollectionsMarshal.AsSpan(_voters))
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
            var voters = CollectionsMarshal.AsSpan(_voters);
            var count = window ? _recentOrder.Count : voters.Length;
            for (var i = 0; i < count; i++)
            {
                ref readonly var voter = ref voters[window ? _recentOrder[i] : i];
                var direction = window ? voter.InWindow.Kind : voter.All.Kind;
                if (direction == VoteKind.Up)
                {
                    up++;
                }
                else if (direction == VoteKind.Down)
                {
                    down++;
                }

                if (voter.FirstExtra >= 0)
                {
                    extra += ExtraWeight(voter.FirstExtra, window);
                }
            }

            return new VoteCounts(up, down, up - down + extra, count);
        }

        /// <summary>One weight per emoji name per voter, in order: a heart on the issue and its moved copy is one heart.</summary>
        private double ExtraWeight(int first, bool window)
        {
            var extras = CollectionsMarshal.AsSpan(_extras);
            double sum = 0;
            for (var i = first; i >= 0; i = extras[i].Next)
            {
                if (window && !extras[i].Recent)
                {
                    continue;
                }

                var seen = false;
                for (var j = first; j != i; j = extras[j].Next)
                {
                    if ((!window || extras[j].Recent) && string.Equals(extras[j].Name, extras[i].Name, StringComparison.Ordinal))
                    {
                        seen = true;
                        break;
                    }
                }

                if (!seen)
                {
                    sum += extras[i].Weight;
                }
            }

            return sum;
        }
    }

    /// <summary>A voter's standing up/down vote: the latest by time, then reaction id, then down over up.</summary>
    private struct Direction
    {
        public VoteKind Kind;
        private DateTimeOffset _at;
        private long _id;

        public void Take(TrackerReaction reaction, bool down)
        {
            if (Kind != VoteKind.None)
            {
                var order = DateTimeOffset.Compare(reaction.CreatedAt, _at);
                if (order == 0)
                {
                    order = reaction.Id.CompareTo(_id);
                }

                if (order == 0)
                {
                    order = down.CompareTo(Kind == VoteKind.Down);
                }

                if (order <= 0)
                {
                    return;
                }
            }

            (Kind, _at, _id) = (down ? VoteKind.Down : VoteKind.Up, reaction.CreatedAt, reaction.Id);
        }
    }

    private struct Voter
    {
        public string Name;
        public DateTimeOffset LastVotedAt;
        public bool Recent;
        public Direction All;
        public Direction InWindow;
        public int FirstExtra;
        public int LastExtra;
    }

    private struct Extra
    {
        public string Name;
        public double Weight;
        public bool Recent;
        public int Next;
    }
}
