using System.Globalization;
using System.Text;
using Sync.Core.Trackers;

namespace Sync.Core.Lifecycle;

/// <summary>The one comment IssueSync keeps on a candidate, edited in place, found again by its hidden marker.</summary>
/// <remarks>
/// The text depends only on the phase, the dates it stores and the counts (absolute dates, never "now"), so an unchanged
/// state is an unchanged comment and no write. Nothing from the issue itself (title, author, labels) goes into it.
/// </remarks>
public static class LifecycleComment
{
    public const string Marker = "<!-- issuesync:lifecycle -->";

    public static bool IsOurs(string body) => body?.Contains(Marker, StringComparison.Ordinal) ?? false;

    /// <param name="kind">The public tracker's kind: how to vote differs.</param>
    /// <param name="forums">The product has feature forums whose votes count too.</param>
    public static string Render(LifecycleEntry entry, LifecycleRules rules, TrackerKind kind, bool forums)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rules);
        var needed = rules.VotesNeeded;
        var end = Day(entry.VotingEndsAt);
        var text = new StringBuilder();
        switch (entry.Phase)
        {
            case LifecyclePhase.Voting:
                text.Append(Invariant($"**Voting: this feature request needs {needed} vote(s) by {end}.**\n\n"));
                text.Append(Invariant($"Voting is open for {Days(entry)} day(s), until {end} (UTC). It needs {needed} vote(s). "));
                text.Append(HowToVote(kind, forums)).Append("\n\n");
                text.Append(Invariant($"With {needed} vote(s) it moves to the backlog (`{rules.BacklogLabel}`). If it has fewer when voting ends, it is closed as not planned (`{rules.NotPlannedLabel}`), never locked: later votes still count, and reaching {needed} reopens it.\n"));
                break;
            case LifecyclePhase.Backlog:
                text.Append(Invariant($"**Reached {entry.Votes} vote(s), {needed} needed, on {Day(entry.DecidedAt)}: moved to the backlog.**\n\n"));
                text.Append(entry.VotingEndsAt > entry.VotingStartedAt
                    ? Invariant($"Voting ran from {Day(entry.VotingStartedAt)} to {end}. ")
                    : "It had enough votes when it arrived, so it needed no voting window. ");
                text.Append(Invariant($"It is now a normal request (`{rules.BacklogLabel}`); thank you for voting.\n"));
                break;
            case LifecyclePhase.NotPlanned:
                var closedWith = entry.ClosedWithVotes ?? entry.Votes;
                text.Append(Invariant($"**Closed as not planned: {closedWith} of {needed} vote(s) when voting ended on {end}.**\n\n"));
                if (entry.Votes != closedWith)
                {
                    text.Append(Invariant($"It has {entry.Votes} vote(s) now. "));
                }

                text.Append(Invariant($"{Math.Max(0, needed - entry.Votes)} more vote(s) reopen it: it is not locked, and votes still count. "));
                text.Append(HowToVote(kind, forums)).Append('\n');
                break;
            case LifecyclePhase.Reopened:
                var missing = Math.Max(0, needed - (entry.ClosedWithVotes ?? 0));
                text.Append(Invariant($"**Reopened on {Day(entry.DecidedAt)}: late votes reached {entry.Votes} of {needed}; moved to the backlog.**\n\n"));
                text.Append(Invariant($"It was closed as not planned on {Day(entry.ClosedAt)} with {entry.ClosedWithVotes ?? 0} vote(s); {missing} more were needed. It is now a normal request (`{rules.BacklogLabel}`); thank you for voting.\n"));
                break;
            case LifecyclePhase.Stopped:
                text.Append(Invariant($"**Voting ended on {Day(entry.DecidedAt)}: a maintainer planned this.**\n\n"));
                text.Append("IssueSync no longer counts votes on this issue for the voting lifecycle; 👍 reactions still show demand.\n");
                break;
        }

        text.Append("\n_Kept up to date by IssueSync._\n");
        // At the end, so the first line (what notifications and dry-run listings show) is the status.
        text.Append(Marker).Append('\n');
        return text.ToString();
    }

    private static string HowToVote(TrackerKind kind, bool forums) =>
        (kind == TrackerKind.GitLab ? "To vote, award this issue a 👍" : "To vote, add a 👍 reaction to this issue")
        + (forums ? "; votes on the idea in the feature forum count too." : ".")
        + " One vote per person.";

    private static int Days(LifecycleEntry entry) => (int)Math.Round((entry.VotingEndsAt - entry.VotingStartedAt).TotalDays);

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
