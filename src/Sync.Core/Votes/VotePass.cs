using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>What one votes pass read and decided to re-count, and the book it leaves for the next pass.</summary>
internal sealed class VotePass(ProjectRef project, VoteSignalBook book, bool full)
{
    private readonly HashSet<long> _recount = [];
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public VoteSignalBook Book => book;

    /// <summary>Every issue is re-counted this pass (the interval came round, or a maintainer asked).</summary>
    public bool Full => full;

    /// <summary>The open public issues' signals, by number.</summary>
    public Dictionary<long, IssueVoteSignal> Signals { get; } = [];

    public IReadOnlyCollection<long> ToRecount => _recount;

    /// <summary>An open public issue as the bulk read gave it: re-counted when its signal changed (or on a full pass).</summary>
    public void Listed(IssueVoteSignal signal)
    {
        Signals[signal.Number] = signal;
        var issue = new IssueRef(project, signal.Number);
        if (full || book.Changed(issue, signal))
        {
            _recount.Add(signal.Number);
        }

        Seen(issue, signal);
    }

    public void Recount(long number)
    {
        if (number > 0)
        {
            _recount.Add(number);
        }
    }

    public void Seen(IssueRef issue, IssueVoteSignal signal) => _seen[issue.ToString()] = VoteSignalBook.Fingerprint(signal);

    /// <summary>
    /// Records that <paramref name="number"/> is a duplicate of <paramref name="canonical"/> (or of nothing): the old and
    /// the new canonical issue are re-counted, since their voters changed.
    /// </summary>
    public void Redirect(Dictionary<long, long> duplicates, long number, long? canonical)
    {
        var previous = duplicates.TryGetValue(number, out var known) ? known : (long?)null;
        if (canonical == previous)
        {
            return;
        }

        if (canonical is { } c && c != number)
        {
            duplicates[number] = c;
        }
        else
        {
            duplicates.Remove(number);
        }

        Recount(canonical ?? 0);
        Recount(previous ?? 0);
    }

    /// <summary>The book for the next pass: what this pass saw, plus what it did not read again (kept as it was).</summary>
    public VoteSignalBook NextBook(DateTimeOffset now)
    {
        var fingerprints = new Dictionary<string, string>(book.Fingerprints, StringComparer.Ordinal);
        foreach (var (issue, fingerprint) in _seen)
        {
            fingerprints[issue] = fingerprint;
        }

        return new VoteSignalBook
        {
            Fingerprints = fingerprints,
            Open = [.. Signals.Keys.Order()],
            LastFull = full ? now : book.LastFull,
        };
    }
}
