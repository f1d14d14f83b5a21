namespace Sync.Core.Votes;

/// <summary>Counts of one issue's demand.</summary>
/// <param name="Weighted"><c>Up - Down</c> plus each extra emoji's weight once per voter per emoji name.</param>
/// <param name="UniqueVoters">Distinct identities with any counted emoji (including extra-only voters).</param>
public sealed record VoteCounts(int Up, int Down, double Weighted, int UniqueVoters)
{
    public static readonly VoteCounts Zero = new(0, 0, 0, 0);
}

/// <param name="All">Every counted reaction, whenever it was made.</param>
/// <param name="Recent">Only reactions created at or after <c>now - WindowDays</c>.</param>
/// <param name="Voters">Canonical identities of everyone in <paramref name="All"/>, ordinal-sorted, for merging.</param>
public sealed record DemandSignal(VoteCounts All, VoteCounts Recent, IReadOnlyList<string> Voters)
{
    public int Up => All.Up;

    public int Down => All.Down;

    public double Weighted => All.Weighted;

    public int UniqueVoters => All.UniqueVoters;

    /// <summary>
    /// When each voter last gave a counted reaction: lets a later reader count the voters in a window that has
    /// moved on since the count (RICE reach) without asking the tracker again.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastVotedAt { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>
    /// Votes known only as a number, from a forum the issue came from (<see cref="IssueVotes.Anonymous"/>): not in
    /// <see cref="All"/> (nobody to merge them with), shown apart ("+42 from the forum").
    /// </summary>
    public int Anonymous { get; init; }
}
