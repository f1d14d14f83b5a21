using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<MoveRecord?> GetMoveAsync(string product, string sourceIssue, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MoveRow>(
            Command(Sql.GetMove, new { Product = product, SourceIssue = sourceIssue }, cancellationToken));
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<MoveRecord>> ListMovesAsync(string product, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MoveRow>(Command(Sql.ListMoves, new { Product = product }, cancellationToken));
        return [.. rows.Select(ToRecord)];
    }

    public async Task<IReadOnlyList<MoveRecord>> QueryMovesAsync(MoveQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var sql = Sql.QueryMoves(query.Product is not null, query.Status, query.Before is not null);
        var parameters = new DynamicParameters(new { query.Limit });
        if (query.Product is not null)
        {
            parameters.Add("Product", query.Product);
        }

        if (query.Before is { } before)
        {
            parameters.Add("BeforeAt", ToDb(before.UpdatedAt));
            parameters.Add("BeforeProduct", before.Product);
            parameters.Add("BeforeSource", before.SourceIssue);
        }

        var rows = await connection.QueryAsync<MoveRow>(Command(sql, parameters, cancellationToken));
        return [.. rows.Select(ToRecord)];
    }

    public async Task SaveMoveAsync(MoveRecord move, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            move.Product,
            move.SourceIssue,
            State = (int)move.State,
            move.TargetIssue,
            move.TargetUrl,
            move.Error,
            move.Attempts,
            CreatedAt = ToDb(move.CreatedAt),
            UpdatedAt = ToDb(move.UpdatedAt),
        };
        await connection.ExecuteAsync(Command(Sql.UpsertMove, parameters, cancellationToken));
    }

    public async Task<MoveRecord> RecordIntentAsync(
        string product, string sourceIssue, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Insert-or-nothing, then read back: whichever process inserted first wins and everyone sees its row.
        await connection.ExecuteAsync(Command(
            Sql.InsertIntent,
            new { Product = product, SourceIssue = sourceIssue, State = (int)MoveState.Intent, At = ToDb(at) },
            cancellationToken));
        var row = await connection.QuerySingleAsync<MoveRow>(
            Command(Sql.GetMove, new { Product = product, SourceIssue = sourceIssue }, cancellationToken));
        return ToRecord(row);
    }

    public async Task<IReadOnlyList<MoveCommentRecord>> ListMovedCommentsAsync(
        string product, string sourceIssue, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MoveCommentRow>(
            Command(Sql.ListMovedComments, new { Product = product, SourceIssue = sourceIssue }, cancellationToken));
        return [.. rows.Select(r => new MoveCommentRecord(r.Product, r.SourceIssue, r.SourceCommentId, r.TargetCommentId, FromDb(r.CreatedAt)))];
    }

    public async Task SaveMovedCommentAsync(MoveCommentRecord comment, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            comment.Product,
            comment.SourceIssue,
            comment.SourceCommentId,
            comment.TargetCommentId,
            CreatedAt = ToDb(comment.CreatedAt),
        };
        await connection.ExecuteAsync(Command(Sql.UpsertMovedComment, parameters, cancellationToken));
    }

    private MoveRecord ToRecord(MoveRow row) => new(
        row.Product,
        row.SourceIssue,
        (MoveState)row.State,
        row.TargetIssue,
        row.TargetUrl,
        row.Error,
        row.Attempts,
        FromDb(row.CreatedAt),
        FromDb(row.UpdatedAt));
}
