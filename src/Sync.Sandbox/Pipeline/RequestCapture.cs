using System.Globalization;
using System.Text;

namespace Sync.Sandbox.Pipeline;

/// <summary>Copies what a client sent into the request log, leaving the body readable for the handler.</summary>
internal static class RequestCapture
{
    public static async Task RecordAsync(SandboxRequestLog log, string instance, HttpRequest request, CancellationToken ct)
    {
        if (log.Capacity == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return;
        }

        request.EnableBuffering();
        var body = request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            ? await DescribeFormAsync(request, ct)
            : null;
        if (body is null)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            body = Encoding.UTF8.GetString(buffer.ToArray());
        }

        request.Body.Position = 0;
        log.Add(instance, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.ContentType, body);
    }

    // Field values are text a client chose to send, so they are kept; files are described, not copied.
    private static async Task<string?> DescribeFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var form = await request.ReadFormAsync(ct);
            var lines = form.SelectMany(f => f.Value.Select(v => $"{f.Key}={v}"))
                .Concat(form.Files.Select(f => string.Create(
                    CultureInfo.InvariantCulture, $"{f.Name}: file {f.FileName} ({f.ContentType}, {f.Length} bytes)")));
            return string.Join('\n', lines);
        }
        catch (InvalidDataException)
        {
            // Not a readable form: log the raw text instead, as the handler will reject it anyway.
            request.Body.Position = 0;
            return null;
        }
    }
}
