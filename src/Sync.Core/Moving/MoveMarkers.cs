using System.Text.RegularExpressions;

namespace Sync.Core.Moving;

/// <summary>
/// Hidden HTML comments IssueSync puts in what it writes, so a resumed move recognises its own target issue and
/// comments by listing the target project (never a search index, which lags). Both trackers keep HTML comments
/// in Markdown bodies without rendering them.
/// </summary>
public static partial class MoveMarkers
{
    public static string Issue(string sourceIssue) => $"<!-- issuesync:moved-from {sourceIssue} -->";

    public static string Comment(string sourceIssue, long sourceCommentId) => $"<!-- issuesync:comment {sourceIssue} {sourceCommentId} -->";

    public static string SourceNotice(string sourceIssue) => $"<!-- issuesync:moved-notice {sourceIssue} -->";

    public static string Upload(string sourceIssue, string sourceUrl) => $"upload {sourceIssue} {sourceUrl}";

    /// <summary>The source issue named by an issue marker in <paramref name="body"/>, if any.</summary>
    public static string? ReadIssue(string? body) =>
        body is not null && IssueMarker().Match(body) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The (source issue, comment id) named by a comment marker in <paramref name="body"/>, if any.</summary>
    public static (string SourceIssue, long CommentId)? ReadComment(string? body) =>
        body is not null && CommentMarker().Match(body) is { Success: true } m && long.TryParse(m.Groups[2].ValueSpan, out var id)
            ? (m.Groups[1].Value, id)
            : null;

    public static bool HasSourceNotice(string? body, string sourceIssue) =>
        body?.Contains(SourceNotice(sourceIssue), StringComparison.Ordinal) == true;

    [GeneratedRegex(@"<!-- issuesync:moved-from (\S+) -->")]
    private static partial Regex IssueMarker();

    [GeneratedRegex(@"<!-- issuesync:comment (\S+) (\d+) -->")]
    private static partial Regex CommentMarker();
}
