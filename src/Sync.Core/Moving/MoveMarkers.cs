using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>
/// Hidden HTML comments IssueSync puts in what it writes, so a resumed move recognises its own target issue and
/// comments by listing the target project (never a search index, which lags). Both trackers keep HTML comments
/// in Markdown bodies without rendering them — but anyone can read them through the API, so a marker names the
/// source by an opaque key (<see cref="KeyOf"/>: tracker name and the tracker-wide numeric issue id), never by
/// its private project path.
/// </summary>
public static partial class MoveMarkers
{
    /// <summary>The opaque marker key of a source issue, e.g. <c>dev-10238</c>.</summary>
    public static string KeyOf(TrackerIssue source) =>
        string.Create(CultureInfo.InvariantCulture, $"{source.Ref.Project.Tracker}-{source.Id}");

    public static string Issue(string key) => $"<!-- issuesync:moved-from {key} -->";

    public static string Comment(string key, long sourceCommentId) => $"<!-- issuesync:comment {key} {sourceCommentId} -->";

    public static string SourceNotice(string key) => $"<!-- issuesync:moved-notice {key} -->";

    /// <summary>
    /// The marker of a continuation comment: part <paramref name="part"/> (2 or more) of <paramref name="count"/> of the
    /// description (<paramref name="of"/> = <see cref="OfBody"/>) or of a source comment (its id) that was too long for the
    /// target. It never carries the comment marker, so a part is never taken for the comment it continues.
    /// </summary>
    public static string Continued(string key, string of, int part, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"<!-- issuesync:continued {key} {of} {part}/{count} -->");

    /// <summary>What a continuation of the description names as its origin.</summary>
    public const string OfBody = "body";

    public static string Upload(string sourceIssue, string sourceUrl) => $"upload {sourceIssue} {sourceUrl}";

    /// <summary>The source key named by an issue marker in <paramref name="body"/>, if any.</summary>
    public static string? ReadIssue(string? body) =>
        body is not null && IssueMarker().Match(body) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The (source key, comment id) named by a comment marker in <paramref name="body"/>, if any.</summary>
    public static (string SourceIssue, long CommentId)? ReadComment(string? body) =>
        body is not null && CommentMarker().Match(body) is { Success: true } m && long.TryParse(m.Groups[2].ValueSpan, out var id)
            ? (m.Groups[1].Value, id)
            : null;

    /// <summary>The (source key, origin, part) named by a continuation marker in <paramref name="body"/>, if any.</summary>
    public static (string SourceIssue, string Of, int Part)? ReadContinued(string? body) =>
        body is not null && ContinuedMarker().Match(body) is { Success: true } m && int.TryParse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture, out var part)
            ? (m.Groups[1].Value, m.Groups[2].Value, part)
            : null;

    public static bool HasSourceNotice(string? body, string key) =>
        body?.Contains(SourceNotice(key), StringComparison.Ordinal) == true;

    [GeneratedRegex(@"<!-- issuesync:moved-from (\S+) -->")]
    private static partial Regex IssueMarker();

    [GeneratedRegex(@"<!-- issuesync:comment (\S+) (\d+) -->")]
    private static partial Regex CommentMarker();

    [GeneratedRegex(@"<!-- issuesync:continued (\S+) (body|\d+) (\d+)/\d+ -->")]
    private static partial Regex ContinuedMarker();
}
