using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<bool> TryAcquireLeaseAsync(
        string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new { Name = name, Owner = owner, Now = ToDb(now), ExpiresAt = ToDb(now + duration) };
        return await connection.ExecuteAsync(Command(Sql.AcquireLease, parameters, cancellationToken)) > 0;
    }

    public async Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(Sql.ReleaseLease, new { Name = name, Owner = owner }, cancellationToken));
    }

    public async Task<LeaseRecord?> GetLeaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LeaseRow>(Command(Sql.GetLease, new { Name = name }, cancellationToken));
        return row is null ? null : new LeaseRecord(row.Name, row.Owner, FromDb(row.ExpiresAt));
    }
}
