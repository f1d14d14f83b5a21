using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<TriggerAdded> AddTriggerAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Deliveries, 1);
        var token = Guid.NewGuid().ToString("N");
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<TriggerRow>(Command(
            Sql.UpsertTrigger,
            new
            {
                request.Product,
                request.Stage,
                request.Deliveries,
                FirstAt = ToDb(request.FirstAt),
                LastAt = ToDb(request.LastAt),
                State = (int)TriggerState.Queued,
                Token = token,
            },
            cancellationToken,
            transaction));
        if (request.Issues.Count > 0)
        {
            var issues = request.Issues.Distinct(StringComparer.Ordinal).Select(issue => new { request.Product, request.Stage, Issue = issue }).ToList();
            await connection.ExecuteAsync(Command(Sql.InsertTriggerIssue, issues, cancellationToken, transaction));
        }

        await transaction.CommitAsync(cancellationToken);
        return new TriggerAdded(row.CreatedBy == token, row.Deliveries, RunOf(row), FromDb(row.RunSince));
    }

    public async Task<bool> SetTriggerRunAsync(
        string product, string stage, TriggerRun expected, TriggerRun next, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            Product = product,
            Stage = stage,
            State = (int)next.State,
            next.Job,
            At = ToDb(at),
            ExpectedState = (int)expected.State,
            ExpectedJob = expected.Job ?? string.Empty,
        };
        return await connection.ExecuteAsync(Command(Sql.SetTriggerRun, parameters, cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<PendingTrigger>> TakeTriggersAsync(
        string product, IReadOnlyCollection<string> stages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var taken = new List<PendingTrigger>();
        if (stages.Count == 0)
        {
            return taken;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var stage in stages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var parameters = new { Product = product, Stage = stage };
            var row = await connection.QuerySingleOrDefaultAsync<TriggerRow>(Command(Sql.TakeTrigger, parameters, cancellationToken, transaction));
            if (row is null)
            {
                continue;
            }

            var issues = await connection.QueryAsync<string>(Command(Sql.TakeTriggerIssues, parameters, cancellationToken, transaction));
            taken.Add(ToTrigger(row, issues));
        }

        await transaction.CommitAsync(cancellationToken);
        return taken;
    }

    public async Task<IReadOnlyList<PendingTrigger>> ListTriggersAsync(string? product, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Two statements rather than "@Product IS NULL OR …": PostgreSQL cannot type an untyped null parameter.
        var (rowsSql, issuesSql) = product is null
            ? (Sql.ListTriggers, Sql.ListTriggerIssues)
            : (Sql.ListTriggersForProduct, Sql.ListTriggerIssuesForProduct);
        var parameters = new { Product = product };
        var rows = await connection.QueryAsync<TriggerRow>(Command(rowsSql, parameters, cancellationToken));
        var issues = (await connection.QueryAsync<TriggerIssueRow>(Command(issuesSql, parameters, cancellationToken)))
            .ToLookup(i => (i.Product, i.Stage), i => i.Issue);

        // An issue added between the two reads may show up without its trigger's new count: a listing, not a snapshot.
        return [.. rows
            .OrderBy(r => r.Product, StringComparer.Ordinal)
            .ThenBy(r => r.Stage, StringComparer.Ordinal)
            .Select(r => ToTrigger(r, issues[(r.Product, r.Stage)]))];
    }

    private static TriggerRun RunOf(TriggerRow row) => new((TriggerState)row.State, row.Job);

    private PendingTrigger ToTrigger(TriggerRow row, IEnumerable<string> issues) => new(
        row.Product,
        row.Stage,
        row.Deliveries,
        [.. issues.Order(StringComparer.Ordinal)],
        FromDb(row.FirstAt),
        FromDb(row.LastAt),
        RunOf(row),
        FromDb(row.RunSince));
}
