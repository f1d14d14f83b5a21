using System.ComponentModel.DataAnnotations;

namespace Sync.Core.Votes;

/// <summary>
/// How reactions on an issue turn into a demand signal. The Worker binds <c>IssueSync:Products:&lt;key&gt;:Votes</c>
/// straight into this type, so these are the only defaults.
/// </summary>
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
    public Dictionary<string, double> ExtraEmoji { get; set => field = new(value, StringComparer.OrdinalIgnoreCase); } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The issue author asking for their own issue is not demand.</summary>
    public bool ExcludeAuthor { get; set; } = true;

    /// <summary>Usernames (on any tracker) whose reactions never count.</summary>
    public List<string> Bots { get; set; } = [];

    /// <summary>Reactions on comments usually react to the comment, not the request, so they are off by default.</summary>
    public bool CountCommentVotes { get; set; }

    /// <summary>Recent-demand window: reactions created at or after <c>now - WindowDays</c>.</summary>
    [Range(1, 3650, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int WindowDays { get; set; } = 90;

    /// <summary>
    /// Cross-tracker identities, <c>tracker:username</c> to <c>tracker:username</c> (for example <c>gitlab:alice</c> to
    /// <c>github:alice-gh</c>); see <see cref="VoterIdentity"/>. A list of pairs, since a configuration key cannot contain
    /// the ':' of <c>tracker:username</c>.
    /// </summary>
    public List<IdentityLink> IdentityMap { get; set; } = [];

    /// <summary>
    /// How often every issue is re-counted whatever its vote signal says (a maintainer's full resync does it at once), so
    /// nothing can drift forever: a signal that hides a change (GitHub's rollup when one voter replaces another) is caught.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00", ErrorMessage = "{{value}} is outside {1} (an hour) to {2} (30 days)")]
    public TimeSpan FullRecountEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary><paramref name="links"/> as <c>from → to</c> pairs; a <c>From</c> listed twice keeps its last <c>To</c>.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(IEnumerable<IdentityLink> links) =>
        links.GroupBy(l => l.From, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().To, StringComparer.OrdinalIgnoreCase);
}

/// <summary>One edge of <see cref="VoteRules.IdentityMap"/>: the same person as <see cref="From"/> and <see cref="To"/>.</summary>
public sealed record IdentityLink
{
    public IdentityLink()
    {
    }

    public IdentityLink(string from, string to)
    {
        From = from;
        To = to;
    }

    public string From { get; set => field = value.Trim(); } = string.Empty;

    public string To { get; set => field = value.Trim(); } = string.Empty;
}
