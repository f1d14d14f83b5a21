using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>One attempt at one move: the steps in order, each skipped when the ledger says it is done.</summary>
internal sealed partial class MoveRun(MovePlan plan, MoveContext context)
{
    /// <summary>The ledger's moved-comment table: source comment id (or upload key) → target comment id (or upload URL).</summary>
    private readonly Dictionary<string, string> _mapped = new(StringComparer.Ordinal);

    private readonly IssueRef _source = IssueRef.Parse(plan.SourceIssue);

    private IssueRef? _target;

    /// <summary>The target was created by this attempt, so it cannot hold comments of an earlier one.</summary>
    private bool _createdNow;

    private bool _freshIntent;

    public MoveRecord? Record { get; private set; }

    public string? TargetUrl { get; private set; }

    public int CommentsCopied { get; private set; }

    private string TargetText => _target?.ToString() ?? $"{plan.Target}#new";

    public async Task<MoveOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var known = await context.Ledger.GetMoveAsync(context.Product, plan.SourceIssue, cancellationToken);
        _freshIntent = known is null;
        var record = context.DryRun
            ? known ?? new MoveRecord(context.Product, plan.SourceIssue, MoveState.Intent, null, null, null, 0, now, now)
            : known ?? await context.Ledger.RecordIntentAsync(context.Product, plan.SourceIssue, now, cancellationToken);
        Record = record;
        TargetUrl = record.TargetUrl;
        if (record.State == MoveState.Completed)
        {
            return new MoveOutcome(plan.SourceIssue, MoveOutcomeKind.AlreadyMoved, record.TargetUrl, 0, null);
        }

        foreach (var moved in await context.Ledger.ListMovedCommentsAsync(context.Product, plan.SourceIssue, cancellationToken))
        {
            _mapped[moved.SourceCommentId] = moved.TargetCommentId;
        }

        await EnsureTargetAsync(cancellationToken);
        await CopyCommentsAsync(cancellationToken);
        await NoticeSourceAsync(cancellationToken);
        await FinishSourceAsync(cancellationToken);
        return new MoveOutcome(plan.SourceIssue, context.DryRun ? MoveOutcomeKind.WouldMove : MoveOutcomeKind.Moved, TargetUrl, CommentsCopied, null);
    }

    private async Task CopyCommentsAsync(CancellationToken cancellationToken)
    {
        if (Record!.State >= MoveState.CommentsCopied)
        {
            return;
        }

        var pending = plan.Comments.Where(c => !_mapped.ContainsKey(KeyOf(c))).ToList();
        if (pending.Count > 0 && _target is not null && !_createdNow)
        {
            // Posted before a crash but never recorded: adopt, do not post again.
            await foreach (var existing in context.TargetClient.ListCommentsAsync(plan.Target.Path, _target.Number, cancellationToken))
            {
                if (pending.Find(c => IsCopyOf(c, existing.Body)) is { } adopted && !_mapped.ContainsKey(KeyOf(adopted)))
                {
                    await MapAsync(KeyOf(adopted), existing.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
                    CommentsCopied++;
                }
            }

            pending = [.. pending.Where(c => !_mapped.ContainsKey(KeyOf(c)))];
        }

        foreach (var comment in pending)
        {
            var what = comment.Part is { } part ? $"part {part.Number} of {(part.Of == MoveMarkers.OfBody ? "the description" : $"comment {part.Of}")}" : $"comment {comment.SourceCommentId}";
            await EnsureStillWantedAsync(what, cancellationToken);
            var body = await WithUploadsAsync(comment.Body, cancellationToken);
            var posted = await WriteAsync(
                AuditActions.Comment,
                TargetText,
                body,
                $"{what} of {plan.SourceIssue}",
                () => Once(
                    () => context.TargetClient.CreateCommentAsync(plan.Target.Path, _target!.Number, body, isInternal: false, cancellationToken),
                    () => context.TargetClient.ListCommentsAsync(plan.Target.Path, _target!.Number, cancellationToken)
                        .FirstOrDefaultAsync(c => IsCopyOf(comment, c.Body), cancellationToken)
                        .AsTask()),
                cancellationToken);
            if (posted is not null)
            {
                await MapAsync(KeyOf(comment), posted.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }

            CommentsCopied++;
        }

        await AdvanceAsync(MoveState.CommentsCopied, cancellationToken);
    }

    private async Task NoticeSourceAsync(CancellationToken cancellationToken)
    {
        if (Record!.State >= MoveState.SourceCommented)
        {
            return;
        }

        var comments = context.SourceComments;
        if (comments is null)
        {
            var listed = new List<TrackerComment>();
            await foreach (var comment in context.SourceClient.ListCommentsAsync(context.Source.Path, _source.Number, cancellationToken))
            {
                listed.Add(comment);
            }

            comments = listed;
        }

        if (!comments.Any(c => MoveMarkers.HasSourceNotice(c.Body, plan.MarkerKey)))
        {
            await EnsureStillWantedAsync("the moved notice", cancellationToken);
            var notice = plan.SourceNotice.Replace("{target}", TargetUrl ?? $"(the new issue in {plan.Target})", StringComparison.Ordinal);
            var marker = MoveMarkers.SourceNotice(plan.MarkerKey);
            if (!notice.Contains(marker, StringComparison.Ordinal))
            {
                // Without its marker a resumed move could not tell the notice was already posted.
                notice = $"{notice}\n\n{marker}";
            }

            await WriteAsync(
                AuditActions.Comment,
                plan.SourceIssue,
                notice,
                $"moved notice pointing to {TargetText}",
                () => Once(
                    () => context.SourceClient.CreateCommentAsync(context.Source.Path, _source.Number, notice, isInternal: false, cancellationToken),
                    () => context.SourceClient.ListCommentsAsync(context.Source.Path, _source.Number, cancellationToken)
                        .FirstOrDefaultAsync(c => MoveMarkers.HasSourceNotice(c.Body, plan.MarkerKey), cancellationToken).AsTask()),
                cancellationToken);
        }

        await AdvanceAsync(MoveState.SourceCommented, cancellationToken);
    }

    private async Task FinishSourceAsync(CancellationToken cancellationToken)
    {
        await EnsureStillWantedAsync(context.Rules.CloseSource ? "closing the source" : "labelling the source", cancellationToken);
        var source = _current ?? await context.SourceClient.GetIssueAsync(context.Source.Path, _source.Number, cancellationToken);
        if (context.Rules.CloseSource)
        {
            if (source.State != IssueState.Closed)
            {
                await WriteAsync(
                    AuditActions.Close,
                    plan.SourceIssue,
                    context.Rules.CloseEdit.StateReason is { } reason ? $"close as {reason}" : "close",
                    $"closed after moving to {TargetText}",
                    () => Once(
                        () => context.SourceClient.EditIssueAsync(context.Source.Path, _source.Number, context.Rules.CloseEdit, cancellationToken),
                        async () => await context.SourceClient.GetIssueAsync(context.Source.Path, _source.Number, cancellationToken) is { State: IssueState.Closed } closed ? closed : null),
                cancellationToken);
            }
        }
        else if (!source.Labels.Contains(context.Rules.MovedLabel, StringComparer.OrdinalIgnoreCase))
        {
            await WriteAsync(
                AuditActions.Label,
                plan.SourceIssue,
                $"add label {context.Rules.MovedLabel}",
                $"labelled {context.Rules.MovedLabel} after moving to {TargetText}",
                () => Once(
                    () => context.SourceClient.EditIssueAsync(context.Source.Path, _source.Number, new IssueEdit(AddLabels: [context.Rules.MovedLabel]), cancellationToken),
                    async () => await context.SourceClient.GetIssueAsync(context.Source.Path, _source.Number, cancellationToken) is { } read
                        && read.Labels.Contains(context.Rules.MovedLabel, StringComparer.OrdinalIgnoreCase) ? read : null),
                cancellationToken);
        }

        await AdvanceAsync(MoveState.Completed, cancellationToken);
    }

    /// <summary>The ledger key of a planned comment: the source comment id, or for a continuation its origin and part.</summary>
    private static string KeyOf(PlannedComment comment) => comment.Part is { } part
        ? string.Create(CultureInfo.InvariantCulture, $"continued {part.Of} {part.Number}")
        : comment.SourceCommentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a comment on the target is this planned comment, written earlier (its marker says so).</summary>
    private bool IsCopyOf(PlannedComment comment, string? body) => comment.Part is { } part
        ? MoveMarkers.ReadContinued(body) is { } c && c.SourceIssue == plan.MarkerKey && c.Of == part.Of && c.Part == part.Number
        : MoveMarkers.ReadComment(body) is { } m && m.SourceIssue == plan.MarkerKey && m.CommentId == comment.SourceCommentId;

    /// <summary>Journals the write; in a dry run makes nothing and returns null, else writes and audits it.</summary>
    private async Task<T?> WriteAsync<T>(string action, string target, string detail, string auditDetail, Func<Task<T>> write, CancellationToken cancellationToken)
        where T : class
    {
        if (context.DryRun)
        {
            context.Writes.Record(new PlannedWrite(action, target, detail));
            return null;
        }

        var result = await write();
        context.Writes.Record(new PlannedWrite(action, target, detail));
        await context.Audit.AppendAuditAsync(new AuditEntry(context.Time.GetUtcNow(), context.Product, action, target, auditDetail), cancellationToken);
        return result;
    }

    /// <summary>A write whose lost answer is looked up before it is written again (<see cref="WriteOnce"/>).</summary>
    private static async Task<T> Once<T>(Func<Task<T>> write, Func<Task<T?>> lookup)
        where T : class => (await WriteOnce.RunAsync(write, lookup)).Result;

    private async Task MapAsync(string key, string value, CancellationToken cancellationToken)
    {
        _mapped[key] = value;
        if (!context.DryRun)
        {
            var record = new MoveCommentRecord(context.Product, plan.SourceIssue, key, value, context.Time.GetUtcNow());
            await context.Ledger.SaveMovedCommentAsync(record, cancellationToken);
        }
    }

    /// <summary>Progress clears an earlier attempt's error: the move is no longer stuck where it failed.</summary>
    private async Task AdvanceAsync(MoveState state, CancellationToken cancellationToken, IssueRef? target = null, string? targetUrl = null)
    {
        // Progress clears the failure count too: "gave up after N attempts" means N failures in a row.
        var record = Record! with { State = state, Error = null, Attempts = 0, UpdatedAt = context.Time.GetUtcNow() };
        if (target is not null)
        {
            record = record with { TargetIssue = target.ToString(), TargetUrl = targetUrl };
        }

        Record = record;
        if (!context.DryRun)
        {
            await context.Ledger.SaveMoveAsync(record, cancellationToken);
        }
    }
}
