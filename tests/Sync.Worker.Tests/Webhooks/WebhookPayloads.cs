namespace Sync.Worker.Tests.Webhooks;

/// <summary>
/// Payloads in the documented shapes (GitHub "Webhook events and payloads", GitLab "Webhook events"), whole objects
/// including fields IssueSync does not read. <c>@WEB@</c> is the tracker's web root, <c>@PATH@</c> the project path,
/// <c>@N@</c> the issue number.
/// </summary>
internal static class WebhookPayloads
{
    public static string Fill(string template, string webRoot, string path, long number) =>
        template.Replace("@WEB@", webRoot.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("@PATH@", path, StringComparison.Ordinal)
            .Replace("@N@", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private const string GitHubUser = """
        { "login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://github.com/images/error/octocat_happy.gif",
          "gravatar_id": "", "url": "https://api.github.com/users/octocat", "html_url": "https://github.com/octocat",
          "type": "User", "site_admin": false }
        """;

    private const string GitHubRepository = """
        { "id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "widget", "full_name": "@PATH@", "private": false,
          "owner": { "login": "acme", "id": 2, "node_id": "MDEyOk9yZ2FuaXphdGlvbjI=", "type": "Organization", "site_admin": false },
          "html_url": "@WEB@/@PATH@", "description": "Widget", "fork": false, "url": "https://api.github.com/repos/@PATH@",
          "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-06-01T00:00:00Z", "pushed_at": "2024-06-01T00:00:00Z",
          "default_branch": "main", "open_issues_count": 3, "visibility": "public" }
        """;

    private const string GitHubIssueFields = """
        "url": "https://api.github.com/repos/@PATH@/issues/@N@", "repository_url": "https://api.github.com/repos/@PATH@",
        "labels_url": "https://api.github.com/repos/@PATH@/issues/@N@/labels{/name}",
        "comments_url": "https://api.github.com/repos/@PATH@/issues/@N@/comments",
        "events_url": "https://api.github.com/repos/@PATH@/issues/@N@/events", "html_url": "@WEB@/@PATH@/issues/@N@",
        "id": 1347, "node_id": "MDU6SXNzdWUxMzQ3", "number": @N@, "title": "Found a bug", "user": 
        """ + GitHubUser + """
        , "labels": [ { "id": 208045946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "name": "bug", "color": "f29513", "default": true, "description": "Something isn't working" } ],
        "state": "open", "locked": false, "assignee": null, "assignees": [], "milestone": null, "comments": 1,
        "created_at": "2024-06-01T10:00:00Z", "updated_at": "2024-06-02T10:00:00Z", "closed_at": null,
        "author_association": "CONTRIBUTOR", "active_lock_reason": null, "body": "I'm having a problem with this.",
        "reactions": { "url": "https://api.github.com/repos/@PATH@/issues/@N@/reactions", "total_count": 1, "+1": 1, "-1": 0,
          "laugh": 0, "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0 },
        "timeline_url": "https://api.github.com/repos/@PATH@/issues/@N@/timeline", "performed_via_github_app": null, "state_reason": null
        """;

    public const string GitHubIssues = """
        { "action": "edited", "changes": { "title": { "from": "Found a bug?" } }, "issue": { 
        """ + GitHubIssueFields + """
        }, "repository": 
        """ + GitHubRepository + """
        , "sender": 
        """ + GitHubUser + "}";

    private const string GitHubComment = """
        { "url": "https://api.github.com/repos/@PATH@/issues/comments/1", "html_url": "@WEB@/@PATH@/issues/@N@#issuecomment-1",
          "issue_url": "https://api.github.com/repos/@PATH@/issues/@N@", "id": 1, "node_id": "MDEyOklzc3VlQ29tbWVudDE=", "user": 
        """ + GitHubUser + """
        , "created_at": "2024-06-02T10:00:00Z", "updated_at": "2024-06-02T10:00:00Z", "author_association": "CONTRIBUTOR",
          "body": "Me too", "reactions": { "url": "https://api.github.com/repos/@PATH@/issues/comments/1/reactions", "total_count": 0,
          "+1": 0, "-1": 0, "laugh": 0, "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0 }, "performed_via_github_app": null }
        """;

    public const string GitHubIssueComment = """
        { "action": "created", "issue": { 
        """ + GitHubIssueFields + """
        }, "comment": 
        """ + GitHubComment + """
        , "repository": 
        """ + GitHubRepository + """
        , "sender": 
        """ + GitHubUser + "}";

    public const string GitHubPullRequestComment = """
        { "action": "created", "issue": { 
        """ + GitHubIssueFields + """
        , "pull_request": { "url": "https://api.github.com/repos/@PATH@/pulls/@N@", "html_url": "@WEB@/@PATH@/pull/@N@",
          "diff_url": "@WEB@/@PATH@/pull/@N@.diff", "patch_url": "@WEB@/@PATH@/pull/@N@.patch", "merged_at": null } }, "comment": 
        """ + GitHubComment + """
        , "repository": 
        """ + GitHubRepository + """
        , "sender": 
        """ + GitHubUser + "}";

    public const string GitHubPing = """
        { "zen": "Keep it logically awesome.", "hook_id": 123, "hook": { "type": "Repository", "id": 123, "name": "web", "active": true,
          "events": ["issues", "issue_comment"], "config": { "content_type": "json", "insecure_ssl": "0", "url": "https://issuesync.example/webhooks/github" } } }
        """;

    private const string GitLabUser = """
        { "id": 1, "name": "Administrator", "username": "root", "avatar_url": "http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40&d=identicon", "email": "admin@example.com" }
        """;

    private const string GitLabProject = """
        { "id": 5, "name": "Gadget", "description": "Aut reprehenderit ut est.", "web_url": "@WEB@/@PATH@", "avatar_url": null,
          "git_ssh_url": "git@example.com:@PATH@.git", "git_http_url": "@WEB@/@PATH@.git", "namespace": "Acme",
          "visibility_level": 20, "path_with_namespace": "@PATH@", "default_branch": "main", "ci_config_path": null,
          "homepage": "@WEB@/@PATH@", "url": "git@example.com:@PATH@.git", "ssh_url": "git@example.com:@PATH@.git", "http_url": "@WEB@/@PATH@.git" }
        """;

    private const string GitLabIssue = """
        { "id": 92, "iid": @N@, "title": "test", "assignee_ids": [], "assignee_id": null, "author_id": 1, "project_id": 5,
          "created_at": "2024-06-01 10:00:00 UTC", "updated_at": "2024-06-02 10:00:00 UTC", "position": 0, "branch_name": null,
          "description": "test", "milestone_id": null, "state": "opened", "labels": [], "confidential": false, "url": "@WEB@/@PATH@/-/issues/@N@" }
        """;

    public const string GitLabIssueHook = """
        { "object_kind": "issue", "event_type": "issue", "user": 
        """ + GitLabUser + """
        , "project": 
        """ + GitLabProject + """
        , "object_attributes": { "id": 92, "iid": @N@, "title": "New API: create/update/delete file", "description": "Create new API for manipulations with repository",
          "author_id": 1, "project_id": 5, "created_at": "2024-06-01 10:00:00 UTC", "updated_at": "2024-06-02 10:00:00 UTC",
          "state": "opened", "confidential": false, "labels": [], "url": "@WEB@/@PATH@/-/issues/@N@", "action": "update", "type": "Issue" },
          "labels": [], "changes": { "updated_at": { "previous": "2024-06-01 10:00:00 UTC", "current": "2024-06-02 10:00:00 UTC" } },
          "repository": { "name": "Gadget", "url": "git@example.com:@PATH@.git", "description": "", "homepage": "@WEB@/@PATH@" } }
        """;

    public const string GitLabNoteHook = """
        { "object_kind": "note", "event_type": "note", "user": 
        """ + GitLabUser + """
        , "project_id": 5, "project": 
        """ + GitLabProject + """
        , "repository": { "name": "Gadget", "url": "git@example.com:@PATH@.git", "description": "", "homepage": "@WEB@/@PATH@" },
          "object_attributes": { "id": 1241, "note": "Hello world", "noteable_type": "@NOTEABLE@", "author_id": 1,
            "created_at": "2024-06-02 10:00:00 UTC", "updated_at": "2024-06-02 10:00:00 UTC", "project_id": 5, "attachment": null,
            "line_code": null, "commit_id": "", "noteable_id": 92, "system": false, "st_diff": null, "url": "@WEB@/@PATH@/-/issues/@N@#note_1241" },
          "issue": 
        """ + GitLabIssue + "}";

    public const string GitLabEmojiHook = """
        { "object_kind": "emoji", "event_type": "award", "user": 
        """ + GitLabUser + """
        , "project_id": 5, "project": 
        """ + GitLabProject + """
        , "object_attributes": { "user_id": 1, "created_at": "2024-06-02 10:00:00 UTC", "id": 1, "name": "thumbsup",
            "awardable_type": "@AWARDABLE@", "awardable_id": 92, "updated_at": "2024-06-02 10:00:00 UTC", "action": "award",
            "awarded_on_url": "@WEB@/@PATH@/-/issues/@N@" },
          "issue": 
        """ + GitLabIssue + "}";

    public const string GitLabPushHook = """
        { "object_kind": "push", "event_name": "push", "before": "95790bf891e76fee5e1747ab589903a6a1f80f22",
          "after": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "ref": "refs/heads/main", "user_id": 1, "user_name": "Administrator",
          "project_id": 5, "project": 
        """ + GitLabProject + """
        , "commits": [], "total_commits_count": 0 }
        """;
}
