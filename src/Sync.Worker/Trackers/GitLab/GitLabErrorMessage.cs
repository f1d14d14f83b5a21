using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// GitLab error bodies: <c>{"message":"404 Project Not Found"}</c>, <c>{"message":{"title":["can't be blank"]}}</c>,
/// or <c>{"error":"..."}</c>; a 429 may carry plain text (<c>Retry later</c>).
/// </summary>
internal static partial class GitLabErrorMessage
{
    /// <summary>
    /// "404 Project Not Found" is GitLab's answer on every project route both for a project that does not exist and for
    /// a private one the token's user may not read (<c>lib/api/helpers.rb</c> <c>find_project!</c>: not
    /// <c>can?(current_user, :read_project, project)</c> → <c>not_found!('Project')</c>); the error names the project and
    /// both causes, in one line.
    /// </summary>
    public static string? ProjectNotFound(Uri? request, string? message)
    {
        if (message != "404 Project Not Found" || request is null || ProjectSegment().Match(request.IsAbsoluteUri ? request.AbsolutePath : request.OriginalString) is not { Success: true } m)
        {
            return null;
        }

        var project = Uri.UnescapeDataString(m.Groups["project"].Value);
        return $"project {project}: it does not exist, or it is private and the token's user is not a member of it (GitLab answers 404 Project Not Found for both)";
    }

    [GeneratedRegex(@"(?:^|/)projects/(?<project>[^/?#]+)")]
    private static partial Regex ProjectSegment();

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
