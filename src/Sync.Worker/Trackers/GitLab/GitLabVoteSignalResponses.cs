using System.Globalization;

namespace Sync.Worker.Trackers.GitLab;

// The `data` of GitLabVoteSignalDocument.Query, in GitLab's shape (iids are strings, users global ids).
internal sealed record GitLabVoteSignalData(GitLabSignalProject? Project);

internal sealed record GitLabSignalProject(GitLabSignalIssues Issues);

internal sealed record GitLabSignalIssues(GitLabPageInfo PageInfo, IReadOnlyList<GitLabSignalIssue> Nodes);

internal sealed record GitLabPageInfo(bool HasNextPage, string? EndCursor);

internal sealed record GitLabSignalIssue(string Iid, string? Title, GitLabSignalUser? Author, int Upvotes, int Downvotes, GitLabSignalAwards AwardEmoji);

internal sealed record GitLabSignalAwards(GitLabAwardPageInfo PageInfo, IReadOnlyList<GitLabSignalAward> Nodes);

// The award page is read backwards (`last`): older awards left out show as hasPreviousPage.
internal sealed record GitLabAwardPageInfo(bool HasPreviousPage, string? EndCursor);

internal sealed record GitLabSignalAward(string Name);

internal sealed record GitLabSignalUser(string Id, string Username)
{
    /// <summary>The numeric id of a global id such as <c>gid://gitlab/User/5</c>.</summary>
    public long? NumericId =>
        long.TryParse(Id.AsSpan(Id.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

// The `data` of GitLabVoteSignalDocument.CommentQuery.
internal sealed record GitLabCommentSignalData(GitLabCommentSignalProject? Project);

internal sealed record GitLabCommentSignalProject(GitLabCommentSignalIssues Issues);

internal sealed record GitLabCommentSignalIssues(IReadOnlyList<GitLabCommentSignalIssue> Nodes);

internal sealed record GitLabCommentSignalIssue(string Iid, GitLabSignalNotes Notes);

internal sealed record GitLabSignalNotes(GitLabPageInfo PageInfo, IReadOnlyList<GitLabSignalNote> Nodes);

internal sealed record GitLabSignalNote(string Id, GitLabSignalAwards AwardEmoji)
{
    /// <summary>The numeric id of <c>gid://gitlab/Note/123</c>.</summary>
    public long? NumericId =>
        long.TryParse(Id.AsSpan(Id.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
