using System.Text;

namespace Sync.Core.Rice;

/// <summary>The one explanatory comment IssueSync keeps on each scored issue, found again by its hidden marker.</summary>
/// <remarks>The text depends only on the score and the rules, never on the time, so an unchanged score is an unchanged comment.</remarks>
public static class RiceComment
{
    public const string Marker = "<!-- issuesync:rice -->";

    public static bool IsOurs(string body) => body.Contains(Marker, StringComparison.Ordinal);

    /// <param name="reminder">Set once the issue has needed input for longer than <see cref="RiceRules.NeedsInputReminderDays"/>.</param>
    public static string Render(RiceScore score, RiceBucket bucket, bool manual, RiceRules rules, RiceReminder? reminder = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(rules);
        var text = new StringBuilder();
        text.Append(score.Score is { } value
            ? $"### RICE score: {RiceCalculator.Number(value)} (`{rules.LabelOf(bucket)}`)\n\n"
            : $"### RICE score: needs input (`{rules.LabelOf(RiceBucket.NeedsInput)}`)\n\n");

        if (score.NeedsInput)
        {
            var asks = new List<string>();
            if (score.Impact.Value is null)
            {
                asks.Add($"an `{rules.ImpactScope}::` label ({string.Join(", ", rules.ImpactScaleOrDefault.Keys.Select(k => $"`{rules.ImpactScope}::{k}`"))})");
            }

            if (score.Effort.Value is null)
            {
                asks.Add($"an effort estimate (`{rules.EffortScope}::N` person-months{(rules.UseWeight ? " or the issue weight" : string.Empty)})");
            }

            text.Append("Missing: ").Append(string.Join(" and ", score.Missing)).Append(". Add ").Append(string.Join(" and ", asks)).Append(".\n\n");
            if (reminder is not null)
            {
                text.Append(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"**Reminder:** this issue has needed input since {reminder.Since:yyyy-MM-dd}, more than {reminder.Days} day(s). Still missing: {string.Join(" and ", score.Missing)}.\n\n"));
            }
        }

        text.Append("| Factor | Value | From |\n|---|---|---|\n");
        Row(text, "Reach", score.Reach, v => RiceCalculator.Number(v));
        Row(text, "Impact", score.Impact, v => RiceCalculator.Number(v));
        Row(text, "Confidence", score.Confidence, v => $"{RiceCalculator.Number(v)} %");
        Row(text, "Effort", score.Effort, v => $"{RiceCalculator.Number(v)} person-month(s)");

        if (score.Score is { } s)
        {
            text.Append('\n').Append(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"RICE = Reach × Impact × Confidence ÷ Effort = {RiceCalculator.Number(score.Reach.Value!.Value)} × {RiceCalculator.Number(score.Impact.Value!.Value)} × {RiceCalculator.Number(score.Confidence.Value!.Value / 100)} ÷ {RiceCalculator.Number(score.Effort.Value!.Value)} = **{RiceCalculator.Number(s)}**\n"));
        }

        text.Append('\n');
        text.Append(manual
            ? $"_`{rules.OverrideLabel}` is set: the bucket label is left to the PM. This comment is kept up to date by IssueSync._\n"
            : $"_Kept up to date by IssueSync from votes and labels. Add `{rules.OverrideLabel}` to set the bucket label by hand._\n");

        // At the end, so the first line (what notifications and dry-run listings show) is the score.
        text.Append(Marker).Append('\n');
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, RiceFactor factor, Func<double, string> format) =>
        text.Append($"| {name} | {(factor.Value is { } v ? format(v) : "—")} | {factor.Source} |\n");
}

/// <summary>A due needs-input reminder: since when the issue has needed input, and the configured days it was allowed.</summary>
public sealed record RiceReminder(DateTimeOffset Since, int Days)
{
    /// <summary>
    /// The reminder due at <paramref name="now"/> for an issue that has needed input since <paramref name="since"/>
    /// (null: it has its inputs), or null when none is due yet or reminders are off.
    /// </summary>
    public static RiceReminder? Due(DateTimeOffset? since, DateTimeOffset now, RiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return since is { } s && rules.NeedsInputReminderDays > 0 && now - s > TimeSpan.FromDays(rules.NeedsInputReminderDays)
            ? new RiceReminder(s, rules.NeedsInputReminderDays)
            : null;
    }
}
