namespace Sync.Worker.Webhooks;

/// <summary>Reads a request body up to a cap, refusing a larger one before it is read in full.</summary>
internal static class WebhookBody
{
    /// <summary>The body's bytes, or null when it is (or announces itself as) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var capacity = request.ContentLength is { } length ? (int)length : Math.Min(maxBytes, 16 * 1024);
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // A chunked body carries no Content-Length, so the cap is enforced while reading too.
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
