using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitHub.GitHubLookup;

namespace Sync.Sandbox.GitHub;

/// <summary>Issue comments and reactions on issues and comments.</summary>
internal static class GitHubCommentHandlers
{
    public static ApiReply List(ApiRequest r) => WithIssue(r, (_, issue) =>
    {
        var since = JsonTime.Parse(r.Str("since"));
        var comments = issue.Notes.Where(n => !n.System && !n.Internal && (since is null || n.UpdatedAt >= since)).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();
        return Page(r, comments, n => GitHubJson.Comment(r.Instance, n));
    });

    /// <summary>
    /// <c>GET /repos/{o}/{r}/issues/comments</c>: every comment of the repository (pull requests are issues too). Without
    /// <c>sort</c> in ascending id order ("By default, issue comments are ordered by ascending ID"; <c>direction</c> is
    /// "Ignored without the sort parameter"); with <c>sort=created|updated</c> in <c>direction</c> order, desc by default.
    /// </summary>
    public static ApiReply ListForRepo(ApiRequest r) => WithRepo(r, p =>
    {
        var since = JsonTime.Parse(r.Str("since"));
        var comments = p.Issues.SelectMany(x => x.Notes).Where(n => !n.System && !n.Internal && (since is null || n.UpdatedAt >= since)).ToList();
        Func<SandboxNote, long>? key = r.Str("sort") switch
        {
            "created" => n => n.CreatedAt.UtcTicks,
            "updated" => n => n.UpdatedAt.UtcTicks,
            _ => null,
        };
        var descending = key is not null && r.Str("direction") != "asc";
        comments.Sort((a, b) =>
        {
            var c = key is null ? 0 : key(a).CompareTo(key(b));
            c = c != 0 ? c : a.Id.CompareTo(b.Id);
            return descending ? -c : c;
        });
        return Page(r, comments, n => GitHubJson.Comment(r.Instance, n));
    });

    public static ApiReply Create(ApiRequest r) => WithIssue(r, (p, issue) =>
    {
        if (string.IsNullOrWhiteSpace(r.Str("body")))
        {
            return GitHubDialect.Validation("IssueComment", "body", "missing_field");
        }

        if (GitHubBodyLimit.Check(r, r.Str("body"), isComment: true) is { } tooLong)
        {
            return tooLong;
        }

        var note = r.Instance.CreateNote(issue, r.User, r.Str("body")!, isInternal: false, system: false, r.Now);
        return ApiReply.Created(GitHubJson.Comment(r.Instance, note)).WithHeader("Location", $"{r.Instance.ApiUrl}repos/{p.Path}/issues/comments/{note.Id}");
    });

    public static ApiReply Get(ApiRequest r) => WithComment(r, (_, n) => ApiReply.Ok(GitHubJson.Comment(r.Instance, n)));

    public static ApiReply Update(ApiRequest r) => WithComment(r, (_, n) =>
    {
        if (string.IsNullOrWhiteSpace(r.Str("body")))
        {
            return GitHubDialect.Validation("IssueComment", "body", "missing_field");
        }

        if (GitHubBodyLimit.Check(r, r.Str("body"), isComment: true) is { } tooLong)
        {
            return tooLong;
        }

        n.Body = r.Str("body")!;
        n.UpdatedAt = r.Now;
        n.Issue.UpdatedAt = r.Now;
        return ApiReply.Ok(GitHubJson.Comment(r.Instance, n));
    });

    public static ApiReply Delete(ApiRequest r) => WithComment(r, (_, n) =>
    {
        n.Issue.Notes.Remove(n);
        n.Issue.UpdatedAt = r.Now;
        return ApiReply.NoContent();
    });

    public static ApiReply IssueReactions(ApiRequest r) => WithIssue(r, (_, issue) => Reactions(r, issue.Awards));

    public static ApiReply CommentReactions(ApiRequest r) => WithComment(r, (_, n) => Reactions(r, n.Awards));

    public static ApiReply ReactToIssue(ApiRequest r) => WithIssue(r, (_, issue) => React(r, issue, issue.Awards));

    public static ApiReply ReactToComment(ApiRequest r) => WithComment(r, (_, n) => React(r, n.Issue, n.Awards));

    private static ApiReply Reactions(ApiRequest r, List<SandboxAward> awards)
    {
        var content = r.Str("content");
        var list = awards.Where(a => content is null || a.Name == content).ToList();
        return Page(r, list, a => GitHubJson.Reaction(r.Instance, a));
    }

    private static ApiReply React(ApiRequest r, SandboxIssue issue, List<SandboxAward> target)
    {
        var content = r.Str("content");
        if (content is null || !GitHubJson.ReactionContents.Contains(content))
        {
            return GitHubDialect.Validation("Reaction", "content", "invalid");
        }

        // GitHub answers an existing reaction by the same user with 200 and that reaction.
        if (r.Instance.CreateAward(issue, target, content, r.User, r.Now) is { } created)
        {
            return ApiReply.Created(GitHubJson.Reaction(r.Instance, created));
        }

        return ApiReply.Ok(GitHubJson.Reaction(r.Instance, target.Find(a => a.Name == content && a.User.Id == r.User.Id)!));
    }
}
