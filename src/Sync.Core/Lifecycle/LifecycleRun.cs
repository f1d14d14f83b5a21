using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Lifecycle;

/// <summary>One lifecycle pass over one public project: the writes it makes (or, in a dry run, would make) and their counts.</summary>
internal sealed class LifecycleRun(
    ITrackerClient client,
    ProjectRef project,
    LifecycleRules rules,
    bool forums,
    PipelineContext context,
    IAuditLog audit,
    TimeProvider time)
{
    private readonly StepWriter _writer = new(context, audit, time, client, project);

    public List<string> Transitions { get; } = [];

    public int Started { get; private set; }

    public int Reached { get; private set; }

    public int Closed { get; private set; }

    public int Reopened { get; private set; }

    public int Stopped { get; private set; }

    public int LabelWrites { get; private set; }

    public int CommentsPosted { get; private set; }

    public int CommentsEdited { get; private set; }

    /// <summary>Makes the writes of <paramref name="decision"/>; returns the entry as they left it.</summary>
    /// <exception cref="TrackerNotFoundException">The issue is gone.</exception>
    public async Task<LifecycleEntry> ApplyAsync(LifecycleEntry? entry, LifecycleIssue issue, LifecycleDecision decision, LifecycleVotes votes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var target = new IssueRef(project, issue.Number).ToString();
        switch (decision.Action)
        {
            case LifecycleAction.Start when votes.Total >= rules.VotesNeeded:
            {
                // It arrives with enough votes (a forum idea moved in with its votes, say): straight to the backlog, without
                // a voting window to announce and take back. The comment first, as for a reach: should the label change
                // fail, the next pass finds the comment by its marker and finishes the same decision.
                var arrived = new LifecycleEntry
                {
                    Issue = issue,
                    Phase = LifecyclePhase.Backlog,
                    VotingStartedAt = now,
                    VotingEndsAt = now,
                    Votes = votes.Total,
                    DecidedAt = now,
                };
                arrived = await CommentAsync(arrived, cancellationToken);
                arrived = arrived with { Issue = await LabelAsync(arrived.Issue, target, [rules.BacklogLabel], issue.Has(rules.VotingLabel) ? [rules.VotingLabel] : [], cancellationToken) };
                Reached++;
                Transitions.Add(Line(issue, $"new → backlog, enough votes on arrival ({votes.Total}/{rules.VotesNeeded} votes)"));
                return arrived;
            }

            case LifecycleAction.Start:
            {
                if (!issue.Has(rules.VotingLabel))
                {
                    issue = await LabelAsync(issue, target, [rules.VotingLabel], [], cancellationToken);
                }

                var started = new LifecycleEntry
                {
                    Issue = issue,
                    Phase = LifecyclePhase.Voting,
                    VotingStartedAt = now,
                    VotingEndsAt = now.AddDays(rules.WindowDays),
                    Votes = votes.Total,
                };
                Started++;
                Transitions.Add(Line(issue, $"new → voting until {Day(started.VotingEndsAt)} ({votes.Total}/{rules.VotesNeeded} votes)"));
                return await CommentAsync(started, cancellationToken);
            }

            case LifecycleAction.Reach:
            {
                var reached = Known(entry) with { Issue = issue, Phase = LifecyclePhase.Backlog, Votes = Counted(entry!, votes, now), DecidedAt = now };
                // The comment before the labels, here and below: if the label change then fails, the issue still looks as
                // it did, so the next pass decides the same again (a label change alone would read as a human's).
                reached = await CommentAsync(reached, cancellationToken);
                reached = reached with { Issue = await LabelAsync(reached.Issue, target, [rules.BacklogLabel], [rules.VotingLabel], cancellationToken) };
                Reached++;
                Transitions.Add(Line(issue, $"voting → backlog ({reached.Votes}/{rules.VotesNeeded} votes)"));
                return reached;
            }

            case LifecycleAction.Close:
            {
                var closed = Known(entry) with
                {
                    Issue = issue,
                    Phase = LifecyclePhase.NotPlanned,
                    Votes = votes.InWindow,
                    ClosedWithVotes = votes.InWindow,
                    DecidedAt = now,
                    ClosedAt = now,
                };
                // The comment first: whoever is notified of the close reads why, and how to reopen it.
                closed = await CommentAsync(closed, cancellationToken);
                var edit = new IssueEdit(AddLabels: [rules.NotPlannedLabel], RemoveLabels: [rules.VotingLabel], State: IssueState.Closed, StateReason: "not_planned");
                closed = closed with { Issue = await EditStateAsync(AuditActions.Close, closed.Issue, target, edit, "close as not planned", cancellationToken) };
                Closed++;
                Transitions.Add(Line(issue, $"voting → closed as not planned ({closed.Votes}/{rules.VotesNeeded} votes)"));
                return closed;
            }

            case LifecycleAction.Recount:
                return await CommentAsync(Known(entry) with { Issue = issue, Votes = votes.Total }, cancellationToken);

            case LifecycleAction.Reopen:
            {
                var reopened = Known(entry) with { Issue = issue, Phase = LifecyclePhase.Reopened, Votes = votes.Total, DecidedAt = now };
                reopened = await CommentAsync(reopened, cancellationToken);
                var edit = new IssueEdit(AddLabels: [rules.BacklogLabel], RemoveLabels: [rules.NotPlannedLabel], State: IssueState.Open);
                reopened = reopened with { Issue = await EditStateAsync(AuditActions.Reopen, reopened.Issue, target, edit, "reopen into the backlog", cancellationToken) };
                Reopened++;
                Transitions.Add(Line(issue, $"closed → reopened into the backlog ({votes.Total}/{rules.VotesNeeded} votes)"));
                return reopened;
            }

            case LifecycleAction.StopPlanned:
            {
                var stopped = Known(entry) with { Issue = issue, Phase = LifecyclePhase.Stopped, DecidedAt = now, StopReason = decision.Reason };
                stopped = await CommentAsync(stopped, cancellationToken);
                stopped = stopped with { Issue = await LabelAsync(stopped.Issue, target, [], [rules.VotingLabel], cancellationToken) };
                Stopped++;
                Transitions.Add(Line(issue, $"voting → stopped: exempt ({decision.Reason})"));
                return stopped;
            }

            case LifecycleAction.Stop:
                Stopped++;
                Transitions.Add(Line(issue, $"{(entry?.Phase == LifecyclePhase.NotPlanned ? "closed" : "voting")} → stopped: {decision.Reason}"));
                return Known(entry) with { Issue = issue, Phase = LifecyclePhase.Stopped, DecidedAt = now, StopReason = decision.Reason };

            default:
                return entry is null ? throw new InvalidOperationException("No lifecycle entry to keep.") : entry with { Issue = issue };
        }
    }

    private static LifecycleEntry Known(LifecycleEntry? entry) =>
        entry ?? throw new InvalidOperationException("The lifecycle decided on an issue it does not know.");

    /// <summary>Reached while voting: every vote so far; at the first pass after the end: the votes within the window.</summary>
    private static int Counted(LifecycleEntry entry, LifecycleVotes votes, DateTimeOffset now) => now <= entry.VotingEndsAt ? votes.Total : votes.InWindow;

    private async Task<LifecycleIssue> LabelAsync(LifecycleIssue issue, string target, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        await _writer.EnsureLabelsAsync(add.Select(LabelOf), cancellationToken);
        var detail = string.Join(' ', add.Select(l => "+" + l).Concat(remove.Select(l => "-" + l)));
        await _writer.WriteAsync(AuditActions.Label, target, detail, detail, async () =>
        {
            await WriteOnce.RunAsync(
                async () =>
                {
                    await client.ChangeLabelsAsync(project.Path, issue.Number, add, remove, cancellationToken);
                    return string.Empty;
                },
                async () => Carries(await client.GetIssueAsync(project.Path, issue.Number, cancellationToken), add, remove, null) ? string.Empty : null);
            return string.Empty;
        }, cancellationToken);
        LabelWrites++;
        return issue.WithLabels(add, remove);
    }

    private async Task<LifecycleIssue> EditStateAsync(string action, LifecycleIssue issue, string target, IssueEdit edit, string what, CancellationToken cancellationToken)
    {
        var add = edit.AddLabels ?? [];
        var remove = edit.RemoveLabels ?? [];
        await _writer.EnsureLabelsAsync(add.Select(LabelOf), cancellationToken);
        var detail = $"{what}: {string.Join(' ', add.Select(l => "+" + l).Concat(remove.Select(l => "-" + l)))}";
        await _writer.WriteAsync(action, target, detail, detail, async () => (await WriteOnce.RunAsync(
            () => client.EditIssueAsync(project.Path, issue.Number, edit, cancellationToken),
            async () => await client.GetIssueAsync(project.Path, issue.Number, cancellationToken) is { } now && Carries(now, add, remove, edit.State) ? now : null)).Result, cancellationToken);
        LabelWrites++;
        return issue.WithLabels(add, remove) with { State = edit.State ?? issue.State };
    }

    /// <summary>After a write whose answer was lost: whether the issue already shows it.</summary>
    private static bool Carries(TrackerIssue issue, IReadOnlyList<string> add, IReadOnlyList<string> remove, IssueState? state) =>
        add.All(l => issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase))
        && !remove.Any(l => issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase))
        && (state is null || issue.State == state);

    private async Task<LifecycleEntry> CommentAsync(LifecycleEntry entry, CancellationToken cancellationToken)
    {
        var kept = await _writer.KeepCommentAsync(
            entry.Number, new KeptComment(entry.CommentId, entry.CommentBody), entry.Issue.CommentCount, LifecycleComment.Render(entry, rules, client.Kind, forums),
            LifecycleComment.IsOurs, static text => $"lifecycle comment: {text.Split('\n')[0]}", cancellationToken);
        CommentsEdited += kept.Outcome == KeptCommentOutcome.Edited ? 1 : 0;
        CommentsPosted += kept.Outcome == KeptCommentOutcome.Posted ? 1 : 0;
        return entry with
        {
            CommentId = kept.Id,
            CommentBody = kept.Body,
            Issue = kept.Outcome == KeptCommentOutcome.Posted ? entry.Issue with { CommentCount = entry.Issue.CommentCount + 1 } : entry.Issue,
        };
    }

    private TrackerLabel LabelOf(string name) =>
        string.Equals(name, rules.VotingLabel, StringComparison.OrdinalIgnoreCase)
            ? new TrackerLabel(name, "#FBCA04", "Feature request collecting votes (kept by IssueSync)")
            : string.Equals(name, rules.BacklogLabel, StringComparison.OrdinalIgnoreCase)
                ? new TrackerLabel(name, "#0E8A16", "Feature request that reached its votes: in the backlog (kept by IssueSync)")
                : new TrackerLabel(name, "#D4C5F9", "Feature request closed for lack of votes; more votes reopen it (kept by IssueSync)");

    private static string Line(LifecycleIssue issue, string what) => $"#{issue.Number} {Shorten(issue.Title)}: {what}";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..59] + "…";
}
