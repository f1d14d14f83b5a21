using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Pipeline;

/// <summary>Reads query, JSON and form parameters into one object (body wins over query).</summary>
internal static class ApiArgs
{
    public static async Task<(JsonObject Args, List<SandboxUpload> Files, bool Malformed)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var args = new JsonObject();
        var files = new List<SandboxUpload>();
        foreach (var (key, values) in request.Query)
        {
            Put(args, key, values);
        }

        if (request.HasFormContentType && IsMultipart(request))
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, values) in form)
            {
                Put(args, key, values);
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files.Add(new SandboxUpload(0, "", Path.GetFileName(file.FileName), file.ContentType ?? "application/octet-stream", buffer.ToArray()));
            }

            return (args, files, false);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var bytes = body.ToArray();
        var first = Array.FindIndex(bytes, b => !char.IsWhiteSpace((char)b));
        if (first < 0)
        {
            return (args, files, false);
        }

        // Octokit sends JSON labelled application/x-www-form-urlencoded, so the body shape decides, not the header.
        if (bytes[first] is (byte)'{' or (byte)'[' || request.HasJsonContentType())
        {
            try
            {
                switch (JsonNode.Parse(bytes))
                {
                    case JsonObject o:
                        foreach (var (key, value) in o.ToList())
                        {
                            o.Remove(key);
                            args[key] = value;
                        }

                        break;
                    case JsonArray a:
                        args["labels"] = a;
                        break;
                }
            }
            catch (JsonException)
            {
                return (args, files, true);
            }
        }
        else
        {
            foreach (var (key, values) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(bytes)))
            {
                Put(args, key, values);
            }
        }

        return (args, files, false);
    }

    private static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    private static void Put(JsonObject args, string key, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (key.EndsWith("[]", StringComparison.Ordinal))
        {
            args[key[..^2]] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
        else
        {
            args[key] = values.ToString();
        }
    }
}
