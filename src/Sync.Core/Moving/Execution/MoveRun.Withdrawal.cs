using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>A move stopped because its source no longer qualifies (a PM withdrew it); the reason names what changed.</summary>
public sealed class MoveWithdrawnException(string reason) : Exception(reason);

internal sealed partial class MoveRun
{
    /// <summary>The source as read right before the last write: the close step uses it rather than a stale listing.</summary>
    private TrackerIssue? _current;

    private bool? _copyConfidential;

    /// <summary>
    /// Re-reads the source right before a write and stops the move when the source no longer qualifies: made
    /// confidential, a required label removed, an excluding label added, closed by someone else. The listing a batch
    /// started from can be minutes old; a half-finished move must not keep publishing what a PM withdrew.
    /// </summary>
    private async Task EnsureStillWantedAsync(string before, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            _current ??= context.SourceIssue;
            return;
        }

        try
        {
            _current = await context.SourceClient.GetIssueAsync(context.Source.Path, _source.Number, cancellationToken);
        }
        catch (TrackerNotFoundException ex)
        {
            // Transferred (GitHub's 301): the issue lives on elsewhere, but this move's source reference no longer reads it;
            // say where, so a maintainer can decide, rather than follow it into a project nobody configured.
            throw new MoveWithdrawnException(ex.TransferredTo is { } to
                ? $"the source issue was transferred to {to} (before {before})"
                : $"the source issue is gone (before {before})");
        }

        if (WithdrawalReason(_current, Record!.State, context.Rules, context.TargetClient.Kind) is { } reason)
        {
            throw new MoveWithdrawnException($"{reason} (before {before})");
        }

        await EnsureCopyConfidentialAsync(before, cancellationToken);
    }

    /// <summary>
    /// A source made confidential after its copy was created may only go on if the copy is confidential too: the copy
    /// is read once to find out (only in that case; a copy this run created is known).
    /// </summary>
    private async Task EnsureCopyConfidentialAsync(string before, CancellationToken cancellationToken)
    {
        if (_current is not { Confidential: true } || _target is null || _copyConfidential is not null)
        {
            return;
        }

        _copyConfidential = _createdNow ? plan.Confidential : (await context.TargetClient.GetIssueAsync(plan.Target.Path, _target.Number, cancellationToken)).Confidential;
        if (_copyConfidential == false)
        {
            throw new MoveWithdrawnException($"the source issue was made confidential but its public copy is not (before {before})");
        }
    }

    /// <summary>Why a move that reached <paramref name="state"/> must not go on, or null when it may.</summary>
    internal static string? WithdrawalReason(TrackerIssue source, MoveState state, MoveRules rules, TrackerKind target)
    {
        bool Has(string label) => source.Labels.Contains(label, StringComparer.OrdinalIgnoreCase);

        var targetHasConfidential = TrackerTraits.For(target).ConfidentialIssues;
        if (source.Confidential && (!rules.IncludeConfidential || !targetHasConfidential))
        {
            return targetHasConfidential || !rules.IncludeConfidential
                ? "the source issue is confidential"
                : $"the source issue is confidential and {target} has no confidential issues";
        }

        if (rules.LabelsOrDefault.FirstOrDefault(l => !Has(l)) is { } missing)
        {
            return $"the source lost the label '{missing}'";
        }

        if (rules.ExcludeLabels.FirstOrDefault(Has) is { } excluded)
        {
            return $"the source was labelled '{excluded}'";
        }

        // Closing is IssueSync's own last step, after the notice; closed any earlier means someone else closed it.
        return source.State == IssueState.Closed && state < MoveState.SourceCommented ? "the source issue was closed" : null;
    }
}
