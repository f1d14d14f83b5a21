namespace Sync.Worker.Storage;

// Dapper materialises these; timestamps arrive as the provider's raw value (ISO text on SQLite, DateTime on
// PostgreSQL) and are converted by the dialect, so no global Dapper type handler is needed.
#pragma warning disable CA1812 // Instantiated by Dapper through reflection.

internal sealed class MoveRow
{
    public string Product { get; set; } = "";
    public string SourceIssue { get; set; } = "";
    public int State { get; set; }
    public string? TargetIssue { get; set; }
    public string? TargetUrl { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public object CreatedAt { get; set; } = null!;
    public object UpdatedAt { get; set; } = null!;
}

internal sealed class MoveCommentRow
{
    public string Product { get; set; } = "";
    public string SourceIssue { get; set; } = "";
    public string SourceCommentId { get; set; } = "";
    public string TargetCommentId { get; set; } = "";
    public object CreatedAt { get; set; } = null!;
}

internal sealed class CursorRow
{
    public string Scope { get; set; } = "";
    public object? UpdatedAt { get; set; }
    public string SeenAtUpdatedAt { get; set; } = "[]";
    public object SavedAt { get; set; } = null!;
}

internal sealed class CachedResponseRow
{
    public string Key { get; set; } = "";
    public string ETag { get; set; } = "";
    public string Body { get; set; } = "";
    public object SavedAt { get; set; } = null!;
}

internal sealed class VoteSnapshotRow
{
    public string Product { get; set; } = "";
    public string Issue { get; set; } = "";
    public object TakenAt { get; set; } = null!;
    public int Up { get; set; }
    public int Down { get; set; }
    public double Weighted { get; set; }
    public int UniqueVoters { get; set; }
}

internal sealed class AuditRow
{
    public long Id { get; set; }
    public object At { get; set; } = null!;
    public string Product { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Detail { get; set; } = "";
    public bool DryRun { get; set; }
}

internal sealed class DocumentRow
{
    public string Product { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Body { get; set; } = "";
    public object UpdatedAt { get; set; } = null!;
}

internal sealed class LeaseRow
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public object ExpiresAt { get; set; } = null!;
}

internal sealed class TriggerRow
{
    public string Product { get; set; } = "";
    public string Stage { get; set; } = "";
    public int Deliveries { get; set; }
    public object FirstAt { get; set; } = null!;
    public object LastAt { get; set; } = null!;
    public int State { get; set; }
    public string? Job { get; set; }
    public object RunSince { get; set; } = null!;
    public string CreatedBy { get; set; } = "";
}

internal sealed class TriggerIssueRow
{
    public string Product { get; set; } = "";
    public string Stage { get; set; } = "";
    public string Issue { get; set; } = "";
}
