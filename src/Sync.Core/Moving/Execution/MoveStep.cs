using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>
/// The "move" stage: for each source of the product, plans and executes the move of every eligible open issue,
/// and resumes moves an earlier run left half done. One failed issue never stops the others.
/// </summary>
public sealed class MoveStep(
    ITrackerRegistry trackers,
    IMoveLedger ledger,
    IAuditLog audit,
    IMovePlanner planner,
    TimeProvider time) : IPipelineStep
{
    private readonly MoveExecutor _executor = new();

    public string Name => StepNames.Move;

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var product = context.Product;
        var lines = new List<string>();
        var failures = new List<string>();
        var tally = new Tally();
        var target = trackers.Get(product.Public.Tracker);
        var moves = (await ledger.ListMovesAsync(product.Key, cancellationToken)).ToDictionary(m => m.SourceIssue, StringComparer.Ordinal);
        var targetCache = new MoveTargetCache();
        tally.LabelWritesBefore = LabelWrites(context.Writes);

        // Every open labelled issue of each source is listed below, so a requested one is among the candidates when it qualifies.
        var requested = RequestedIssues.In(context, product.MoveSources.Select(s => s.Project));
        if (requested.Count > 0)
        {
            lines.Add(RequestedIssues.Line(requested));
            tally.Requested = requested.Count;
        }

        foreach (var sourceRule in product.MoveSources)
        {
            var rules = sourceRule.Rules;
            var source = trackers.Get(sourceRule.Project.Tracker);
            var moveContext = new MoveContext(product.Key, sourceRule.Project, source, target, ledger, audit, time, rules, context.DryRun, context.Writes)
            {
                TargetCache = targetCache,
            };
            var candidates = await CandidatesAsync(sourceRule.Project, source, rules, target.Kind, moves, tally, lines, context.DryRun, cancellationToken);
            IReadOnlyList<TrackerLabel>? labels = null; // the same for every issue of a source: listed once, only if something moves
            foreach (var (issue, _) in candidates)
            {
                try
                {
                    var comments = new List<TrackerComment>();
                    await foreach (var comment in source.ListCommentsAsync(sourceRule.Project.Path, issue.Ref.Number, cancellationToken))
                    {
                        comments.Add(comment);
                    }

                    labels ??= await ListLabelsAsync(source, sourceRule.Project, cancellationToken);
                    var input = new MovePlanInput(
                        issue, comments, TrackerSite.Of(source), product.Public, TrackerSite.Of(target), rules, product.Redaction, MovedIssues(sourceRule.Project, moves.Values), labels);
                    var plan = planner.Plan(input);
                    var outcome = await _executor.ExecuteAsync(plan, moveContext with { SourceIssue = issue, SourceComments = comments }, cancellationToken);
                    lines.Add(Describe(outcome, plan.Comments.Count));
                    tally.Count(outcome);
                    if (outcome.Kind == MoveOutcomeKind.Failed)
                    {
                        failures.Add(Describe(outcome, plan.Comments.Count));
                    }
                    if (outcome.Succeeded && !context.DryRun && await ledger.GetMoveAsync(product.Key, plan.SourceIssue, cancellationToken) is { } saved)
                    {
                        moves[saved.SourceIssue] = saved; // later issues of this run link to it
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Reading or planning one issue failed before any write: report it and move the others.
                    lines.Add($"failed {issue.Ref}: {MoveExecutor.OneLine(ex)}");
                    failures.Add($"failed {issue.Ref}: {MoveExecutor.OneLine(ex)}");
                    tally.Failed++;
                }

                // A bulk move can outlast the product lease: renew it, and stop writing if another run took over.
                if (!context.DryRun && !await context.KeepAliveAsync(cancellationToken))
                {
                    lines.Add($"stopped: another run took over product '{product.Key}'");
                    failures.Add($"stopped: another run took over product '{product.Key}'");
                    return new StepResult(lines, tally.Metrics(context.Writes)) { Failures = failures };
                }
            }
        }

        return new StepResult(lines, tally.Metrics(context.Writes)) { Failures = failures };
    }

    // The journal is the product run's; this step runs alone in it, so the label writes it added are this step's.
    private static long LabelWrites(IWriteJournal journal) => journal.Writes.Count(w => w.Action == AuditActions.Label);

    private static async Task<IReadOnlyList<TrackerLabel>> ListLabelsAsync(ITrackerClient source, ProjectRef project, CancellationToken cancellationToken)
    {
        var labels = new List<TrackerLabel>();
        await foreach (var label in source.ListLabelsAsync(project.Path, cancellationToken))
        {
            labels.Add(label);
        }

        return labels;
    }

    /// <summary>
    /// Eligible open issues not yet moved, then moves of this source that reached the target but not the end: a
    /// source closed before a crash no longer lists as open, yet its ledger record must still be completed. A move
    /// under way whose source stopped qualifying (a PM withdrew it) is parked, not resumed.
    /// </summary>
    private async Task<List<(TrackerIssue Issue, bool Resumed)>> CandidatesAsync(
        ProjectRef project, ITrackerClient source, MoveRules rules, TrackerKind targetKind, Dictionary<string, MoveRecord> moves, Tally tally, List<string> lines, bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = new List<(TrackerIssue, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var issue in source.ListIssuesAsync(project.Path, rules.ListingQuery, cancellationToken))
        {
            var key = issue.Ref.ToString();
            seen.Add(key);
            if (moves.TryGetValue(key, out var move) && move.State == MoveState.Completed)
            {
                tally.Skipped++;
                continue;
            }

            if (move is not null && await HeldBackAsync(move, rules, now, tally, lines, dryRun, cancellationToken))
            {
                continue;
            }

            if (move is { State: > MoveState.Intent })
            {
                if (await ParkIfWithdrawnAsync(issue, move, rules, targetKind, tally, lines, dryRun, cancellationToken))
                {
                    continue;
                }

                candidates.Add((issue, false));
                continue;
            }

            // Confidential wins over everything; GitHub has no confidential issues, so such an issue never goes there.
            if (issue.Confidential && (!rules.IncludeConfidential || !TrackerTraits.For(targetKind).ConfidentialIssues) || !rules.IsEligible(issue, now, out _))
            {
                tally.Skipped++;
                continue;
            }

            candidates.Add((issue, false));
        }

        foreach (var move in moves.Values)
        {
            if (move.State is > MoveState.Intent and < MoveState.Completed && !seen.Contains(move.SourceIssue)
                && IssueRef.TryParse(move.SourceIssue, out var issueRef) && issueRef!.Project == project
                && !await HeldBackAsync(move, rules, now, tally, lines, dryRun, cancellationToken))
            {
                try
                {
                    var resumed = await source.GetIssueAsync(project.Path, issueRef.Number, cancellationToken);
                    if (!await ParkIfWithdrawnAsync(resumed, move, rules, targetKind, tally, lines, dryRun, cancellationToken))
                    {
                        candidates.Add((resumed, true));
                    }
                }
                catch (TrackerNotFoundException)
                {
                    tally.Skipped++; // the source issue was deleted; nothing is left to finish on it
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// A move that failed waits before its next attempt (the wait doubles with each failure) and is parked after
    /// <see cref="MoveRules.MaxAttempts"/> failures in a row, until a maintainer retries it. True when it is held back now.
    /// </summary>
    private async Task<bool> HeldBackAsync(MoveRecord move, MoveRules rules, DateTimeOffset now, Tally tally, List<string> lines, bool dryRun, CancellationToken cancellationToken)
    {
        if (move.GaveUp)
        {
            lines.Add($"parked {move.SourceIssue}: {move.Error![MoveRecord.ParkedPrefix.Length..]}; a maintainer's retry moves it again");
            tally.Parked++;
            return true;
        }

        if (!move.Failed)
        {
            return false;
        }

        if (move.Attempts >= rules.MaxAttempts)
        {
            var error = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MoveRecord.GaveUpPrefix}{move.Attempts} failed attempts; last: {move.Error}");
            if (!dryRun)
            {
                await ledger.SaveMoveAsync(move with { Error = error, UpdatedAt = now }, cancellationToken);
            }

            lines.Add($"parked {move.SourceIssue}: {error[MoveRecord.ParkedPrefix.Length..]}; a maintainer's retry moves it again");
            tally.Parked++;
            return true;
        }

        var next = rules.NextAttempt(move.UpdatedAt, move.Attempts);
        if (now < next)
        {
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"waiting {move.SourceIssue}: failed {move.Attempts} time(s) (last: {move.Error}); next attempt after {next:yyyy-MM-dd HH:mm:ss}Z"));
            tally.Waiting++;
            return true;
        }

        return false;
    }

    /// <summary>Records (once) and reports a move under way whose source no longer qualifies; true when it is parked.</summary>
    private async Task<bool> ParkIfWithdrawnAsync(
        TrackerIssue issue, MoveRecord move, MoveRules rules, TrackerKind targetKind, Tally tally, List<string> lines, bool dryRun, CancellationToken cancellationToken)
    {
        if (MoveRun.WithdrawalReason(issue, move.State, rules, targetKind) is not { } reason)
        {
            return false;
        }

        var error = MoveRecord.ParkedPrefix + reason;
        if (!dryRun && move.Error != error)
        {
            await ledger.SaveMoveAsync(move with { Error = error, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }

        lines.Add($"parked {move.SourceIssue}: {reason}{(move.TargetUrl is { } url ? $"; its public copy {url} was left as it is" : string.Empty)}");
        tally.Parked++;
        return true;
    }

    /// <summary>Source issue number → public URL, for moves of this source whose target exists.</summary>
    internal static IReadOnlyDictionary<long, string> MovedIssues(ProjectRef project, IEnumerable<MoveRecord> moves)
    {
        var moved = new Dictionary<long, string>();
        foreach (var move in moves)
        {
            if (move.TargetUrl is { Length: > 0 } url && IssueRef.TryParse(move.SourceIssue, out var issue) && issue!.Project == project)
            {
                moved[issue.Number] = url;
            }
        }

        return moved;
    }

    private static string Describe(MoveOutcome outcome, int comments) => outcome.Kind switch
    {
        MoveOutcomeKind.Moved => $"moved {outcome.SourceIssue} → {outcome.TargetUrl} ({comments} comments)",
        MoveOutcomeKind.WouldMove => $"would move {outcome.SourceIssue} → {outcome.TargetUrl ?? "a new issue"} ({comments} comments)",
        MoveOutcomeKind.AlreadyMoved => $"already moved {outcome.SourceIssue} → {outcome.TargetUrl}",
        MoveOutcomeKind.Parked => $"parked {outcome.SourceIssue}: {outcome.Error?[MoveRecord.ParkedPrefix.Length..]}"
            + (outcome.TargetUrl is { } url ? $"; its public copy {url} was left as it is" : string.Empty),
        _ => $"failed {outcome.SourceIssue}: {outcome.Error}",
    };

    private sealed class Tally
    {
        public long Moved { get; set; }

        public long Failed { get; set; }

        public long Skipped { get; set; }

        public long Parked { get; set; }

        public long Waiting { get; set; }

        public long LabelWritesBefore { get; set; }

        public long Requested { get; set; }

        public void Count(MoveOutcome outcome)
        {
            switch (outcome.Kind)
            {
                case MoveOutcomeKind.Moved or MoveOutcomeKind.WouldMove:
                    Moved++;
                    break;
                case MoveOutcomeKind.Failed:
                    Failed++;
                    break;
                case MoveOutcomeKind.Parked:
                    Parked++;
                    break;
                default:
                    Skipped++;
                    break;
            }
        }

        /// <summary>
        /// Counts, plus <c>moveLabelWrites</c>: label writes of this step (labels created on the public project, the moved
        /// label on sources), as journalled, so a dry run counts the planned ones.
        /// </summary>
        public Dictionary<string, long> Metrics(IWriteJournal journal)
        {
            var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["moved"] = Moved,
                ["failed"] = Failed,
                ["skipped"] = Skipped,
                ["parked"] = Parked,
                ["waiting"] = Waiting,
                ["moveLabelWrites"] = LabelWrites(journal) - LabelWritesBefore,
            };
            if (Requested > 0)
            {
                metrics[RequestedIssues.Metric] = Requested;
            }

            return metrics;
        }
    }
}
