using System.Text.Json;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// GitLab error bodies: <c>{"message":"404 Project Not Found"}</c>, <c>{"message":{"title":["can't be blank"]}}</c>,
/// or <c>{"error":"..."}</c>; a 429 may carry plain text (<c>Retry later</c>).
/// </summary>
internal static class GitLabErrorMessage
{
    public static string? Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (body.TrimStart() is not ['{', ..])
        {
            return body.Length > 500 ? body[..500] : body;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        foreach (var name in (string[])["message", "error", "error_description"])
        {
            if (root.TryGetProperty(name, out var value))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
