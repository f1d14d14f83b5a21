using System.Globalization;
using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// The lines that say where text came from. The private project's path and URL may themselves be sensitive,
/// so they appear only when the rules allow linking to the source.
/// </summary>
public static class Attribution
{
    public const string GenericOrigin = "the development tracker";

    /// <param name="author">Display name of the author (already mapped when a user map names them).</param>
    /// <param name="sourceLink">Markdown naming the source (path and URL), or null to name it generically.</param>
    public static string IssueHeader(string author, DateTimeOffset createdAt, string? sourceLink) =>
        $"> Moved from {sourceLink ?? GenericOrigin} · originally opened by **{author}** on {Day(createdAt)}";

    public static string CommentHeader(string author, DateTimeOffset createdAt) =>
        $"> **{author}** commented on {Day(createdAt)}";

    /// <summary>Markdown link to the source issue, used only when <see cref="MoveRules.LinkToSource"/> is set.</summary>
    public static string SourceLink(TrackerIssue source, string sourceWebUrl)
    {
        var url = string.IsNullOrWhiteSpace(source.WebUrl) ? sourceWebUrl.TrimEnd('/') : source.WebUrl;
        return string.Create(CultureInfo.InvariantCulture, $"[{source.Ref.Project.Path}#{source.Ref.Number}]({url})");
    }

    /// <summary>Header, the text (when any) and the hidden marker, separated by blank lines.</summary>
    public static string Compose(string header, string text, string marker) =>
        string.IsNullOrWhiteSpace(text) ? $"{header}\n\n{marker}" : $"{header}\n\n{text}\n\n{marker}";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
