using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Rice;

/// <summary>One RICE pass over one public project: the writes it makes (or, in a dry run, would make) and their counts.</summary>
internal sealed class RiceRun(
    ITrackerClient client,
    ProjectRef project,
    RiceRules rules,
    PipelineContext context,
    IAuditLog audit,
    TimeProvider time)
{
    private readonly StepWriter _writer = new(context, audit, time, client, project);

    public List<string> Lines { get; } = [];

    private int LabelWrites { get; set; }

    private int LabelsCreated { get; set; }

    private int CommentsCreated { get; set; }

    private int CommentsEdited { get; set; }

    private int RemindersDue { get; set; }

    /// <summary>Brings one open issue's bucket label and comment up to date; null when the issue no longer exists.</summary>
    /// <param name="reminder">The needs-input reminder due on the issue, if any (<see cref="RiceReminder.Due"/>).</param>
    public async Task<RiceEntry?> ApplyAsync(RiceEntry entry, RiceScore score, RiceBucket bucket, RiceReminder? reminder, CancellationToken cancellationToken)
    {
        var target = new IssueRef(project, entry.Number).ToString();
        var labels = entry.Labels;
        var change = RiceLabels.WithReminder(RiceLabels.Plan(labels, bucket, rules), labels, reminder is not null, rules);
        RemindersDue += reminder is null ? 0 : 1;
        try
        {
            if (!change.IsEmpty)
            {
                await EnsureLabelsAsync(change.Add, cancellationToken);
                await WriteAsync(AuditActions.Label, target, change.ToString(), async () =>
                {
                    await WriteOnce.RunAsync(
                        async () =>
                        {
                            await client.ChangeLabelsAsync(project.Path, entry.Number, change.Add, change.Remove, cancellationToken);
                            return string.Empty;
                        },
                        () => LabelsAlreadyAsync(entry.Number, change.Add, change.Remove, cancellationToken));
                    return string.Empty;
                }, cancellationToken);
                LabelWrites++;
                labels = [.. labels.Where(l => !change.Remove.Contains(l, StringComparer.OrdinalIgnoreCase)).Concat(change.Add)];
            }

            var updated = entry with { Labels = labels, Score = score, Bucket = bucket };
            return rules.Comment
                ? await CommentAsync(updated, RiceComment.Render(score, bucket, RiceLabels.IsManual(labels, rules), rules, reminder), cancellationToken)
                : updated;
        }
        catch (TrackerNotFoundException)
        {
            // Deleted or moved away since it was listed: nothing to score any more.
            return null;
        }
    }

    private async Task<RiceEntry> CommentAsync(RiceEntry entry, string body, CancellationToken cancellationToken)
    {
        var kept = await _writer.KeepCommentAsync(
            entry.Number, new KeptComment(entry.CommentId, entry.CommentBody), entry.CommentCount, body, RiceComment.IsOurs,
            static text => $"RICE comment ({text.Length} chars)", cancellationToken);
        CommentsEdited += kept.Outcome == KeptCommentOutcome.Edited ? 1 : 0;
        CommentsCreated += kept.Outcome == KeptCommentOutcome.Posted ? 1 : 0;
        return entry with { CommentId = kept.Id, CommentBody = kept.Body };
    }

    /// <summary>After a label change whose answer was lost: "done" when the issue already carries exactly that change.</summary>
    private async Task<string?> LabelsAlreadyAsync(long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        var labels = (await client.GetIssueAsync(project.Path, number, cancellationToken)).Labels;
        return add.All(l => labels.Contains(l, StringComparer.OrdinalIgnoreCase)) && !remove.Any(l => labels.Contains(l, StringComparer.OrdinalIgnoreCase))
            ? string.Empty
            : null;
    }

    private async Task EnsureLabelsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var labels = names.Select(name =>
        {
            if (string.Equals(name, rules.NeedsInputReminderLabel, StringComparison.OrdinalIgnoreCase))
            {
                return new TrackerLabel(name, "#E99695", $"Needed RICE input for more than {rules.NeedsInputReminderDays} days (kept by IssueSync)");
            }

            var bucket = Enum.GetValues<RiceBucket>().First(b => string.Equals(rules.LabelOf(b), name, StringComparison.OrdinalIgnoreCase));
            var (color, description) = RiceLabels.Look(bucket, rules);
            return new TrackerLabel(name, color, description);
        });
        LabelsCreated += await _writer.EnsureLabelsAsync(labels, cancellationToken);
    }

    private Task<T?> WriteAsync<T>(string action, string target, string detail, Func<Task<T>> write, CancellationToken cancellationToken)
        where T : class =>
        _writer.WriteAsync(action, target, detail, detail, write, cancellationToken);

    public StepResult Summary(IReadOnlyList<RiceEntry> open)
    {
        var counts = Enum.GetValues<RiceBucket>().ToDictionary(b => b, b => open.Count(e => e.Bucket == b));
        var manual = open.Count(e => RiceLabels.IsManual(e.Labels, rules));
        Lines.Insert(0, string.Create(
            CultureInfo.InvariantCulture,
            $"{project}: {open.Count} open issue(s) scored: top {counts[RiceBucket.Top]}, high {counts[RiceBucket.High]}, medium {counts[RiceBucket.Medium]}, low {counts[RiceBucket.Low]}, needs input {counts[RiceBucket.NeedsInput]}; {manual} manual"));
        Lines.Insert(1, $"{project}: {LabelWrites} label change(s), {LabelsCreated} label(s) created, {CommentsCreated} comment(s) posted, {CommentsEdited} edited{(context.DryRun ? " (dry run: none made)" : string.Empty)}");
        if (RemindersDue > 0)
        {
            Lines.Insert(2, $"{project}: {RemindersDue} issue(s) have needed input for more than {rules.NeedsInputReminderDays} days (reminded in their RICE comment)");
        }
        foreach (var entry in open.Where(e => e.Score?.Score is not null).OrderByDescending(e => e.Score!.Score).ThenBy(e => e.Number).Take(5))
        {
            Lines.Add(string.Create(CultureInfo.InvariantCulture, $"#{entry.Number} {Shorten(entry.Title)}: RICE {RiceCalculator.Number(entry.Score!.Score!.Value)} ({rules.LabelOf(entry.Bucket ?? RiceBucket.NeedsInput)})"));
        }

        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["riceScored"] = open.Count,
            ["riceLabelWrites"] = LabelWrites,
            ["riceLabelsCreated"] = LabelsCreated,
            ["riceCommentsPosted"] = CommentsCreated,
            ["riceCommentsEdited"] = CommentsEdited,
            ["riceRemindersDue"] = RemindersDue,
        };
        return new StepResult(Lines, metrics);
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..59] + "…";
}
