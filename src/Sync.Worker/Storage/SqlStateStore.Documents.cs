using Dapper;
using Sync.Core.Storage;

namespace Sync.Worker.Storage;

internal abstract partial class SqlStateStore
{
    public async Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(
        string product, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DocumentRow>(
            Command(Sql.ListDocuments, new { Product = product, Kind = kind }, cancellationToken));

        // Sorted here rather than in SQL: ordinal order is then the same on both dialects whatever the
        // database's collation (keys are unique within a kind, so the sort needs no tie-break).
        return [.. rows
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new StoredDocument(r.Product, r.Kind, r.Key, r.Body, FromDb(r.UpdatedAt)))];
    }

    public async Task<StoredDocument?> GetDocumentAsync(string product, string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            Command(Sql.GetDocument, new { Product = product, Kind = kind, Key = key }, cancellationToken));
        return row is null ? null : new StoredDocument(row.Product, row.Kind, row.Key, row.Body, FromDb(row.UpdatedAt));
    }

    public async Task SaveDocumentsAsync(IReadOnlyCollection<StoredDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        var parameters = documents
            .Select(d => new { d.Product, d.Kind, d.Key, d.Body, UpdatedAt = ToDb(d.UpdatedAt) })
            .ToList();

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Dapper runs the statement once per element, reusing one command, all inside the transaction.
        await connection.ExecuteAsync(Command(Sql.UpsertDocument, parameters, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteDocumentsAsync(
        string product, string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var parameters = keys.Select(key => new { Product = product, Kind = kind, Key = key }).ToList();

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(Sql.DeleteDocument, parameters, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
    }
}
