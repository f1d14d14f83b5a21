using Sync.Core.Trackers;

namespace Sync.Core.Lifecycle;

/// <summary>What the lifecycle does with one issue in one pass.</summary>
public enum LifecycleAction
{
    /// <summary>Nothing to write.</summary>
    None,

    /// <summary>A new candidate: add the voting label, post the comment.</summary>
    Start,

    /// <summary>Enough votes: voting label → backlog label, comment says so.</summary>
    Reach,

    /// <summary>Window over below the threshold: comment first, then close as not planned (never locked).</summary>
    Close,

    /// <summary>Closed and counted: the number of votes changed, so the comment's "X more" is edited.</summary>
    Recount,

    /// <summary>Closed, and late votes reached the threshold: reopen into the backlog, comment says so.</summary>
    Reopen,

    /// <summary>A maintainer planned it while it was voting: remove the voting label, say voting ended, stop.</summary>
    StopPlanned,

    /// <summary>A human took over: stop without a write.</summary>
    Stop,
}

/// <param name="Reason">Why (for <see cref="LifecycleAction.Stop"/> and <see cref="LifecycleAction.StopPlanned"/>).</param>
public sealed record LifecycleDecision(LifecycleAction Action, string? Reason = null)
{
    public static LifecycleDecision Nothing { get; } = new(LifecycleAction.None);

    /// <summary>
    /// The decision for one issue: a pure function of what IssueSync knows about it (<paramref name="entry"/>, null when
    /// it is no candidate yet), its facts, its votes, the rules and the time. Humans win: a voting issue a human closed,
    /// unlabelled or planned, and a closed one a human reopened or unlabelled, is left alone for good.
    /// </summary>
    /// <param name="since">Issues opened before this are never candidates (<see cref="LifecycleRules.Since"/> or the first run).</param>
    public static LifecycleDecision Decide(LifecycleEntry? entry, LifecycleIssue issue, LifecycleVotes votes, LifecycleRules rules, DateTimeOffset now, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(rules);
        if (entry is null)
        {
            return IsCandidate(issue, rules, since) ? new(LifecycleAction.Start) : Nothing;
        }

        if (entry.IsActive && issue.Confidential)
        {
            // Hidden from the public: no public vote or comment applies any more.
            return new(LifecycleAction.Stop, "made confidential by a maintainer");
        }

        switch (entry.Phase)
        {
            case LifecyclePhase.Voting:
                if (issue.State == IssueState.Closed)
                {
                    return new(LifecycleAction.Stop, "closed by a maintainer while voting");
                }

                if (!issue.Has(rules.VotingLabel))
                {
                    return new(LifecycleAction.Stop, $"{rules.VotingLabel} removed by a maintainer");
                }

                if (ExemptionOf(issue, rules) is { } exempt)
                {
                    return new(LifecycleAction.StopPlanned, exempt);
                }

                if (now <= entry.VotingEndsAt)
                {
                    return votes.Total >= rules.VotesNeeded ? new(LifecycleAction.Reach) : Nothing;
                }

                return votes.InWindow >= rules.VotesNeeded ? new(LifecycleAction.Reach) : new(LifecycleAction.Close);

            case LifecyclePhase.NotPlanned:
                if (issue.State == IssueState.Open)
                {
                    return new(LifecycleAction.Stop, "reopened by a maintainer");
                }

                if (!issue.Has(rules.NotPlannedLabel))
                {
                    return new(LifecycleAction.Stop, $"{rules.NotPlannedLabel} removed by a maintainer");
                }

                if (ExemptionOf(issue, rules) is { } planned)
                {
                    return new(LifecycleAction.Stop, planned);
                }

                if (votes.Total >= rules.VotesNeeded)
                {
                    return new(LifecycleAction.Reopen);
                }

                return votes.Total != entry.Votes ? new(LifecycleAction.Recount) : Nothing;

            default:
                return Nothing;
        }
    }

    /// <summary>An open, non-confidential feature request opened at or after <paramref name="since"/>, not exempt and not decided by a human.</summary>
    public static bool IsCandidate(LifecycleIssue issue, LifecycleRules rules, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(rules);
        return issue.State == IssueState.Open
            && !issue.Confidential
            && issue.CreatedAt >= since
            && rules.LabelsOrDefault.Any(issue.Has)
            && !issue.Has(rules.BacklogLabel)
            && !issue.Has(rules.NotPlannedLabel)
            && ExemptionOf(issue, rules) is null;
    }

    /// <summary>Why the issue is exempt (an exempt label, author or milestone), or null.</summary>
    public static string? ExemptionOf(LifecycleIssue issue, LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var pattern in rules.ExemptLabelsOrDefault)
        {
            if (issue.Labels.FirstOrDefault(l => LabelMatches(pattern, l)) is { } label)
            {
                return $"label {label}";
            }
        }

        if (rules.ExemptAuthors.Any(a => string.Equals(a.Trim(), issue.Author, StringComparison.OrdinalIgnoreCase)))
        {
            return $"author {issue.Author}";
        }

        if (issue.Milestone is { Length: > 0 } milestone
            && rules.ExemptMilestonesOrDefault.Any(m => m.Trim() == "*" || string.Equals(m.Trim(), milestone, StringComparison.OrdinalIgnoreCase)))
        {
            return $"milestone {milestone}";
        }

        return null;
    }

    /// <summary><c>scope::*</c> matches every label of the scope; anything else is a label name (case-insensitive).</summary>
    public static bool LabelMatches(string pattern, string label)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(label);
        pattern = pattern.Trim();
        return pattern.EndsWith("::*", StringComparison.Ordinal)
            ? label.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase) && label.Length > pattern.Length - 1
            : string.Equals(pattern, label, StringComparison.OrdinalIgnoreCase);
    }
}
