using Sync.Core.Storage;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>The ledger and audit log in memory; counts writes so a dry run can be shown to make none.</summary>
public sealed class InMemoryLedger : IMoveLedger, IAuditLog
{
    public Dictionary<(string Product, string SourceIssue), MoveRecord> Moves { get; } = [];

    public List<MoveCommentRecord> MovedComments { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    public int Writes { get; private set; }

    public Task<MoveRecord?> GetMoveAsync(string product, string sourceIssue, CancellationToken cancellationToken) =>
        Task.FromResult(Moves.GetValueOrDefault((product, sourceIssue)));

    public Task<IReadOnlyList<MoveRecord>> ListMovesAsync(string product, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MoveRecord>>([.. Moves.Values.Where(m => m.Product == product)]);

    public Task<IReadOnlyList<MoveRecord>> QueryMovesAsync(MoveQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MoveRecord>>([.. Moves.Values
            .Where(query.Matches)
            .OrderByDescending(m => m.UpdatedAt.UtcTicks)
            .ThenByDescending(m => m.Product, StringComparer.Ordinal)
            .ThenByDescending(m => m.SourceIssue, StringComparer.Ordinal)
            .Take(query.Limit)]);

    public Task SaveMoveAsync(MoveRecord move, CancellationToken cancellationToken)
    {
        Writes++;
        Moves[(move.Product, move.SourceIssue)] = move;
        return Task.CompletedTask;
    }

    public Task<MoveRecord> RecordIntentAsync(string product, string sourceIssue, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Moves.TryGetValue((product, sourceIssue), out var move))
        {
            Writes++;
            move = Moves[(product, sourceIssue)] = new MoveRecord(product, sourceIssue, MoveState.Intent, null, null, null, 0, at, at);
        }

        return Task.FromResult(move);
    }

    public Task<IReadOnlyList<MoveCommentRecord>> ListMovedCommentsAsync(string product, string sourceIssue, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MoveCommentRecord>>([.. MovedComments.Where(c => c.Product == product && c.SourceIssue == sourceIssue)]);

    public Task SaveMovedCommentAsync(MoveCommentRecord comment, CancellationToken cancellationToken)
    {
        Writes++;
        MovedComments.RemoveAll(c => c.Product == comment.Product && c.SourceIssue == comment.SourceIssue && c.SourceCommentId == comment.SourceCommentId);
        MovedComments.Add(comment);
        return Task.CompletedTask;
    }

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Writes++;
        Audit.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? product, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Audit.Where(a => product is null || a.Product == product).Reverse().Take(limit)]);

    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Enumerable.Reverse(Audit).Where(query.Matches).Take(query.Limit)]);
}
