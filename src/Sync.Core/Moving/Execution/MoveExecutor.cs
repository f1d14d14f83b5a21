using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>
/// Applies a <see cref="MovePlan"/> exactly once, even across crashes: every step is recorded in the
/// <see cref="IMoveLedger"/> right after it happens, and a step whose record was lost (the process died between
/// the write and the record) is recognised on the target by the hidden <see cref="MoveMarkers"/> before anything
/// is written again. A failed move keeps the last step it reached and resumes on the next run.
/// </summary>
public sealed class MoveExecutor
{
    /// <summary>Never throws for a failed move (other issues must still move); only cancellation propagates.</summary>
    public async Task<MoveOutcome> ExecuteAsync(MovePlan plan, MoveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var run = new MoveRun(plan, context);
        try
        {
            return await run.RunAsync(cancellationToken);
        }
        catch (MoveWithdrawnException withdrawn)
        {
            var reason = await RecordFailureAsync(run, plan, context, MoveRecord.ParkedPrefix + withdrawn.Message, cancellationToken, countAttempt: false);
            return new MoveOutcome(plan.SourceIssue, MoveOutcomeKind.Parked, run.TargetUrl, run.CommentsCopied, reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = await RecordFailureAsync(run, plan, context, OneLine(ex), cancellationToken);
            return new MoveOutcome(plan.SourceIssue, MoveOutcomeKind.Failed, run.TargetUrl, run.CommentsCopied, reason);
        }
    }

    /// <summary>Tracker exceptions carry the tracker's own wording and never a token; anything else names its type.</summary>
    internal static string OneLine(Exception ex)
    {
        var message = (ex is TrackerException or Publishing.PublicWriteRefusedException or MoveWithdrawnException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}").ReplaceLineEndings(" ").Trim();
        return message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 297), "...");
    }

    private static async Task<string> RecordFailureAsync(MoveRun run, MovePlan plan, MoveContext context, string reason, CancellationToken cancellationToken, bool countAttempt = true)
    {
        if (context.DryRun)
        {
            return reason;
        }

        try
        {
            var now = context.Time.GetUtcNow();
            var record = run.Record ?? await context.Ledger.GetMoveAsync(context.Product, plan.SourceIssue, cancellationToken)
                ?? new MoveRecord(context.Product, plan.SourceIssue, MoveState.Intent, null, null, null, 0, now, now);
            await context.Ledger.SaveMoveAsync(record with { Error = reason, Attempts = record.Attempts + (countAttempt ? 1 : 0), UpdatedAt = now }, cancellationToken);
            return reason;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ledger being down must not hide the original reason; the state it kept is still the last step reached.
            return $"{reason} (the ledger could not record it: {OneLine(ex)})";
        }
    }
}
