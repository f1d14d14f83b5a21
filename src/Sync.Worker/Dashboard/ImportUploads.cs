using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Worker.Dashboard;

/// <summary>An uploaded file between its preview and the Import button.</summary>
internal sealed record ImportUpload(string FileName, byte[] Content);

/// <summary>
/// Uploaded import files kept in the document store (kind <see cref="Kind"/>) between the preview and the Import
/// button, so any replica can finish what another previewed; an upload is dropped when imported or after an hour.
/// </summary>
internal static class ImportUploads
{
    public const string Kind = "csv-upload";

    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<string> SaveAsync(IDocumentStore store, string product, ImportUpload upload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stale = (await store.ListDocumentsAsync(product, Kind, cancellationToken)).Where(d => d.UpdatedAt < now - KeepFor).Select(d => d.Key).ToList();
        if (stale.Count > 0)
        {
            await store.DeleteDocumentsAsync(product, Kind, stale, cancellationToken);
        }

        var id = Guid.NewGuid().ToString("N");
        await store.SaveDocumentsAsync([new StoredDocument(product, Kind, id, JsonSerializer.Serialize(upload, Json), now)], cancellationToken);
        return id;
    }

    public static async Task<ImportUpload?> GetAsync(IDocumentStore store, string product, string id, CancellationToken cancellationToken) =>
        (await store.ListDocumentsAsync(product, Kind, cancellationToken))
            .Where(d => d.Key == id)
            .Select(d => JsonSerializer.Deserialize<ImportUpload>(d.Body, Json))
            .FirstOrDefault();

    public static Task DeleteAsync(IDocumentStore store, string product, string id, CancellationToken cancellationToken) =>
        store.DeleteDocumentsAsync(product, Kind, [id], cancellationToken);
}
