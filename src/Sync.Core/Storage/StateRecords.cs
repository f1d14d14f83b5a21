namespace Sync.Core.Storage;

/// <summary>Steps of a move, in the order they happen. A failed move keeps the last step it reached.</summary>
public enum MoveState
{
    /// <summary>Recorded before the first write; the target may or may not exist yet.</summary>
    Intent = 0,

    /// <summary>The target issue exists and is known (<see cref="MoveRecord.TargetIssue"/> is set).</summary>
    TargetCreated = 1,

    /// <summary>Every eligible comment is on the target.</summary>
    CommentsCopied = 2,

    /// <summary>The source has its "Moved to" comment.</summary>
    SourceCommented = 3,

    /// <summary>The source is closed (or labelled) and nothing is left to do.</summary>
    Completed = 4,
}

/// <param name="Product">Product key from configuration.</param>
/// <param name="SourceIssue">Source issue reference, <c>tracker:group/project#number</c>.</param>
/// <param name="TargetIssue">Target issue reference once known.</param>
/// <param name="TargetUrl">Public web URL of the target once known.</param>
/// <param name="Error">Why the last attempt failed; null when it did not.</param>
public sealed record MoveRecord(
    string Product,
    string SourceIssue,
    MoveState State,
    string? TargetIssue,
    string? TargetUrl,
    string? Error,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Prefix of <see cref="Error"/> for a move stopped because its source no longer qualified.</summary>
    public const string ParkedPrefix = "parked: ";

    /// <summary>Prefix of <see cref="Error"/> for a move that failed too often: parked until a maintainer retries it.</summary>
    public const string GaveUpPrefix = "parked: gave up after ";

    public bool Failed => Error is not null && !Parked;

    public bool Parked => Error?.StartsWith(ParkedPrefix, StringComparison.Ordinal) == true;

    /// <summary>Parked after too many failed attempts (not because the source stopped qualifying).</summary>
    public bool GaveUp => Error?.StartsWith(GaveUpPrefix, StringComparison.Ordinal) == true;

    /// <summary>Where the move stands, in the terms a maintainer filters by.</summary>
    public MoveStatus Status => Parked ? MoveStatus.Parked
        : Failed ? MoveStatus.Failed
        : State == MoveState.Completed ? MoveStatus.Done
        : MoveStatus.InProgress;
}

/// <summary>
/// A move's standing, derived from <see cref="MoveRecord.State"/> and <see cref="MoveRecord.Error"/>: an error wins over
/// the step reached (a failed move keeps its last step), a parked error over a plain failure.
/// </summary>
public enum MoveStatus
{
    /// <summary>Completed, no error.</summary>
    Done,

    /// <summary>Not completed and no error: the next pass continues it.</summary>
    InProgress,

    /// <summary>The last attempt failed; the next pass tries again.</summary>
    Failed,

    /// <summary>Stopped (the source no longer qualifies, or too many failures) until a maintainer retries it.</summary>
    Parked,
}

/// <summary>Where a page of moves ended: the last move shown, in the listing's order (newest change first).</summary>
public sealed record MoveCursor(DateTimeOffset UpdatedAt, string Product, string SourceIssue);

/// <summary>
/// A page of the move ledger, newest change first (<see cref="MoveRecord.UpdatedAt"/> descending, then product and source
/// issue descending, ordinal), so a maintainer sees what just happened.
/// </summary>
/// <param name="Product">One product, or null for every product.</param>
/// <param name="Status">One standing, or null for every move.</param>
/// <param name="Before">Only moves after this one in the listing's order (the next page), or null for the first page.</param>
public sealed record MoveQuery(string? Product, MoveStatus? Status, int Limit, MoveCursor? Before = null)
{
    /// <summary>Whether <paramref name="move"/> belongs to the page's filters and comes after <see cref="Before"/>.</summary>
    public bool Matches(MoveRecord move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return (Product is null || move.Product == Product)
            && (Status is null || move.Status == Status)
            && (Before is null || Compare(move, Before) < 0);
    }

    /// <summary>The listing's order as a comparison: newer (greater) first.</summary>
    public static int Compare(MoveRecord move, MoveCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(cursor);
        var byTime = move.UpdatedAt.UtcTicks.CompareTo(cursor.UpdatedAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byProduct = string.CompareOrdinal(move.Product, cursor.Product);
        return byProduct != 0 ? byProduct : string.CompareOrdinal(move.SourceIssue, cursor.SourceIssue);
    }
}

/// <summary>One source comment copied to the target (so a resumed move posts it once).</summary>
public sealed record MoveCommentRecord(
    string Product,
    string SourceIssue,
    string SourceCommentId,
    string TargetCommentId,
    DateTimeOffset CreatedAt);

/// <summary>
/// Where incremental listing of a scope (for example <c>list:dev:acme/widget</c>) stopped:
/// the newest <c>updated_at</c> seen, and the ids already seen at exactly that instant, so an inclusive
/// re-listing neither misses nor double-counts issues updated in the same second.
/// </summary>
public sealed record SyncCursor(
    string Scope,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<string> SeenAtUpdatedAt,
    DateTimeOffset SavedAt);

/// <summary>A stored response for a conditional request: ETag and the body it validates.</summary>
public sealed record CachedResponse(string Key, string ETag, string Body, DateTimeOffset SavedAt);

/// <summary>Demand counts of one issue at one moment.</summary>
public sealed record VoteSnapshot(
    string Product,
    string Issue,
    DateTimeOffset TakenAt,
    int Up,
    int Down,
    double Weighted,
    int UniqueVoters);

/// <summary>Kinds of audited events.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Edit = "edit";
    public const string Comment = "comment";
    public const string Label = "label";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string Upload = "upload";
    public const string Redaction = "redaction";

    /// <summary>Every kind IssueSync writes, for filters that must name a known one.</summary>
    public static IReadOnlyList<string> All { get; } = [Create, Edit, Comment, Label, Close, Reopen, Upload, Redaction];
}

/// <summary>A page of the audit log, newest first by id (the order entries were appended).</summary>
/// <param name="Product">One product, or null for every product.</param>
/// <param name="Action">One action, or null for every action.</param>
/// <param name="BeforeId">Only entries with a smaller id (the next, older page), or null for the newest.</param>
public sealed record AuditQuery(string? Product, string? Action, int Limit, long? BeforeId = null)
{
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Product is null || entry.Product == Product)
            && (Action is null || entry.Action == Action)
            && (BeforeId is null || entry.Id < BeforeId);
    }
}

/// <param name="Action">One of <see cref="AuditActions"/> (free text is allowed for new kinds).</param>
/// <param name="Target">What was written: an issue, comment or project reference.</param>
/// <param name="Detail">Human-readable summary; never a token or a whole request.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Product,
    string Action,
    string Target,
    string Detail,
    bool DryRun = false)
{
    /// <summary>Store-assigned, increasing id; 0 before the entry is stored.</summary>
    public long Id { get; init; }
}

/// <param name="Kind">What the document is, for example <c>rice</c> or <c>demand</c>.</param>
/// <param name="Key">Unique within (product, kind), for example an issue reference.</param>
/// <param name="Body">JSON, written and read whole by the step that owns the kind.</param>
public sealed record StoredDocument(string Product, string Kind, string Key, string Body, DateTimeOffset UpdatedAt);

/// <summary>A held (or expired, not yet replaced) lease.</summary>
public sealed record LeaseRecord(string Name, string Owner, DateTimeOffset ExpiresAt)
{
    public bool IsHeldAt(DateTimeOffset now) => ExpiresAt > now;
}
