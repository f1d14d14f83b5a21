namespace Sync.Core.Votes;

/// <summary>How reactions on an issue turn into a demand signal.</summary>
/// <remarks>
/// Usernames and emoji names are compared case-insensitively: both trackers treat logins that way, and
/// configuration written by hand should not silently miss a bot because of its capitalisation.
/// </remarks>
public sealed record VoteRules
{
    /// <summary>
    /// Emoji beyond thumbs up/down that count as interest (for example <c>heart</c> = 1, <c>rocket</c> = 1),
    /// name to weight. Thumbs up/down keep their meaning even if listed here.
    /// </summary>
    public IReadOnlyDictionary<string, double> ExtraEmoji { get; init; } = new Dictionary<string, double>();

    /// <summary>The issue author asking for their own issue is not demand.</summary>
    public bool ExcludeAuthor { get; init; } = true;

    /// <summary>Usernames (on any tracker) whose reactions never count.</summary>
    public IReadOnlyList<string> Bots { get; init; } = [];

    /// <summary>Reactions on comments usually react to the comment, not the request, so they are off by default.</summary>
    public bool CountCommentVotes { get; init; }

    /// <summary>Recent-demand window: reactions created at or after <c>now - WindowDays</c>.</summary>
    public int WindowDays { get; init; } = 90;

    /// <summary>
    /// Cross-tracker identities, <c>tracker:username</c> to <c>tracker:username</c>
    /// (for example <c>gitlab:alice</c> to <c>github:alice-gh</c>); see <see cref="VoterIdentity"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> IdentityMap { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How often every issue is re-counted whatever its vote signal says (a maintainer's full resync does it at once), so
    /// nothing can drift forever: a signal that hides a change (GitHub's rollup when one voter replaces another) is caught.
    /// </summary>
    public TimeSpan FullRecountEvery { get; init; } = TimeSpan.FromDays(1);
}
