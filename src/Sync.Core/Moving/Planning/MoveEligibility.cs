using System.Globalization;
using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Decides whether an issue moves. The clock is a parameter so the planner and this check stay pure; the
/// reason is a short phrase for dry-run output.
/// </summary>
public static class MoveEligibility
{
    public static bool IsEligible(TrackerIssue issue, MoveRules rules, DateTimeOffset now, out string reason)
    {
        reason = Check(issue, rules, now) ?? "eligible";
        return reason == "eligible";
    }

    private static string? Check(TrackerIssue issue, MoveRules rules, DateTimeOffset now)
    {
        bool Has(string label) => issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase);

        if (issue.State != IssueState.Open)
        {
            return "closed";
        }

        if (!string.IsNullOrWhiteSpace(rules.MovedLabel) && Has(rules.MovedLabel))
        {
            return $"already moved (label '{rules.MovedLabel}')";
        }

        if (issue.Confidential && !rules.IncludeConfidential)
        {
            return "confidential";
        }

        if (rules.LabelsOrDefault.FirstOrDefault(l => !Has(l)) is { } missing)
        {
            return $"missing label '{missing}'";
        }

        if (rules.ExcludeLabels.FirstOrDefault(Has) is { } excluded)
        {
            return $"excluded by label '{excluded}'";
        }

        if (rules.MaxAgeDays is { } maxAge && now - issue.CreatedAt > TimeSpan.FromDays(maxAge))
        {
            return string.Create(CultureInfo.InvariantCulture, $"created more than {maxAge} days ago");
        }

        if (rules.UpdatedWithinDays is { } within && now - issue.UpdatedAt > TimeSpan.FromDays(within))
        {
            return string.Create(CultureInfo.InvariantCulture, $"not updated within {within} days");
        }

        return null;
    }
}
