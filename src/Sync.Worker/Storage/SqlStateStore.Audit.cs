using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new { At = ToDb(entry.At), entry.Product, entry.Action, entry.Target, entry.Detail, entry.DryRun };
        await connection.ExecuteAsync(Command(Sql.InsertAudit, parameters, cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? product, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Two statements rather than "@Product IS NULL OR …": PostgreSQL cannot type an untyped null parameter.
        var command = product is null
            ? Command(Sql.ListAudit, new { Limit = limit }, cancellationToken)
            : Command(Sql.ListAuditForProduct, new { Product = product, Limit = limit }, cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(command);
        return [.. rows.Select(r => new AuditEntry(FromDb(r.At), r.Product, r.Action, r.Target, r.Detail, r.DryRun) { Id = r.Id })];
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var sql = Sql.QueryAudit(query.Product is not null, query.Action is not null, query.BeforeId is not null);
        var parameters = new DynamicParameters(new { query.Limit });
        if (query.Product is not null)
        {
            parameters.Add("Product", query.Product);
        }

        if (query.Action is not null)
        {
            parameters.Add("Action", query.Action);
        }

        if (query.BeforeId is { } before)
        {
            parameters.Add("BeforeId", before);
        }

        var rows = await connection.QueryAsync<AuditRow>(Command(sql, parameters, cancellationToken));
        return [.. rows.Select(r => new AuditEntry(FromDb(r.At), r.Product, r.Action, r.Target, r.Detail, r.DryRun) { Id = r.Id })];
    }
}
