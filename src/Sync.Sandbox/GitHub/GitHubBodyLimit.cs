using System.Text;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub;

/// <summary>How the GitHub emulator counts a body against its limit (GitHub documents neither the limit nor the unit).</summary>
public enum GitHubBodyCount
{
    /// <summary>Code points against 65,536: what the error message says, as Ruby's <c>String#length</c> counts.</summary>
    CodePoints,

    /// <summary>UTF-16 code units against 65,536: a stricter reading (an emoji counts twice).</summary>
    Utf16Units,

    /// <summary>UTF-8 bytes against 262,144: what third-party probes measured (dead-claudia/github-limits#13).</summary>
    Utf8Bytes,
}

/// <summary>
/// GitHub refuses an issue or comment body over its limit with 422; nothing is stored. The answers are shaped as seen
/// in the wild: issues <c>{"resource":"Issue","code":"custom","field":"body","message":"body is too long (maximum is 65536
/// characters)"}</c>, comments <c>{"resource":"IssueComment","code":"unprocessable","field":"data","message":"Body is too
/// long (maximum is 65536 characters)"}</c> (docs/tracker-behaviour.md, "Body limits").
/// </summary>
internal static class GitHubBodyLimit
{
    public const int MaxCharacters = 65_536;
    public const int MaxBytes = 262_144;

    public static ApiReply? Check(ApiRequest r, string? body, bool isComment)
    {
        if (body is null || !TooLong(r.Limits.GitHubBodyCount, body))
        {
            return null;
        }

        var error = isComment
            ? new JsonObject { ["resource"] = "IssueComment", ["code"] = "unprocessable", ["field"] = "data", ["message"] = $"Body is too long (maximum is {MaxCharacters} characters)" }
            : new JsonObject { ["resource"] = "Issue", ["code"] = "custom", ["field"] = "body", ["message"] = $"body is too long (maximum is {MaxCharacters} characters)" };
        return new ApiReply(422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(error),
            ["documentation_url"] = isComment ? "https://docs.github.com/rest/issues/comments#create-an-issue-comment" : "https://docs.github.com/rest/issues/issues#create-an-issue",
            ["status"] = "422",
        });
    }

    internal static bool TooLong(GitHubBodyCount count, string body) => count switch
    {
        GitHubBodyCount.Utf16Units => body.Length > MaxCharacters,
        GitHubBodyCount.Utf8Bytes => Encoding.UTF8.GetByteCount(body) > MaxBytes,
        _ => TextLength.CodePoints(body) > MaxCharacters,
    };
}
