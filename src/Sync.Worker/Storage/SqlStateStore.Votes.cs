using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<bool> AddVoteSnapshotAsync(VoteSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockVoteHistoryAsync(connection, transaction, snapshot.Product, snapshot.Issue, cancellationToken);
        var parameters = new
        {
            snapshot.Product,
            snapshot.Issue,
            TakenAt = ToDb(snapshot.TakenAt),
            snapshot.Up,
            snapshot.Down,
            snapshot.Weighted,
            snapshot.UniqueVoters,
        };
        var written = await connection.ExecuteAsync(
            Command(Sql.InsertVoteSnapshotIfChanged, parameters, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
        return written > 0;
    }

    public async Task<IReadOnlyList<VoteSnapshot>> ListVoteSnapshotsAsync(
        string product, string issue, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VoteSnapshotRow>(
            Command(Sql.ListVoteSnapshots, new { Product = product, Issue = issue, Since = ToDb(since) }, cancellationToken));
        return [.. rows.Select(ToRecord)];
    }

    public async Task<VoteSnapshot?> GetVoteSnapshotAtAsync(
        string product, string issue, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VoteSnapshotRow>(
            Command(Sql.GetVoteSnapshotAt, new { Product = product, Issue = issue, At = ToDb(at) }, cancellationToken));
        return row is null ? null : ToRecord(row);
    }

    private VoteSnapshot ToRecord(VoteSnapshotRow row) =>
        new(row.Product, row.Issue, FromDb(row.TakenAt), row.Up, row.Down, row.Weighted, row.UniqueVoters);
}
