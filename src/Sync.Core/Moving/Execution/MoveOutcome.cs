namespace Sync.Core.Moving;

public enum MoveOutcomeKind
{
    /// <summary>This run finished the move (it may have resumed an earlier attempt).</summary>
    Moved,

    /// <summary>The ledger already had the move completed; nothing was read or written.</summary>
    AlreadyMoved,

    /// <summary>Dry run: the writes were journalled, none made.</summary>
    WouldMove,

    /// <summary>A step failed; the ledger keeps the last step reached and the reason, and the next run resumes.</summary>
    Failed,

    /// <summary>
    /// The source stopped qualifying before a write (a PM withdrew it): nothing more was written. The ledger keeps the
    /// step reached and why; the move goes on if the source qualifies again.
    /// </summary>
    Parked,
}

/// <param name="TargetUrl">Public URL of the target issue once known (null in a dry run that would create it).</param>
/// <param name="CommentsCopied">Comments posted or adopted on the target by this run.</param>
/// <param name="Error">One-line reason when <see cref="Kind"/> is <see cref="MoveOutcomeKind.Failed"/>.</param>
public sealed record MoveOutcome(string SourceIssue, MoveOutcomeKind Kind, string? TargetUrl, int CommentsCopied, string? Error)
{
    public bool Succeeded => Kind is not MoveOutcomeKind.Failed;

    public bool IsParked => Kind is MoveOutcomeKind.Parked;
}
