using System.Globalization;

namespace Sync.Worker.Tests.Trackers;

/// <summary>Whole documented payloads (GitLab v4 issue object, GitHub REST issue object), fields we don't read included.</summary>
internal static class Payloads
{
    public static string GitLabIssue(long iid, string state = "closed") => $$"""
        {
          "id": {{(iid + 76000).ToString(CultureInfo.InvariantCulture)}},
          "iid": {{iid.ToString(CultureInfo.InvariantCulture)}},
          "project_id": 4,
          "title": "Widget crashes on start #{{iid.ToString(CultureInfo.InvariantCulture)}}",
          "description": "Steps:\n1. open\n2. crash",
          "state": "{{state}}",
          "created_at": "2016-01-04T15:31:51.081Z",
          "updated_at": "2016-01-05T10:00:00.000Z",
          "closed_at": {{(state == "closed" ? "\"2016-01-06T12:00:00.000Z\"" : "null")}},
          "closed_by": { "state": "active", "web_url": "https://gitlab.example.com/root", "avatar_url": null, "username": "root", "id": 1, "name": "Administrator" },
          "labels": ["bug", "priority::high"],
          "milestone": {
            "project_id": 4, "description": "Ducimus nam enim", "state": "closed", "due_date": null, "iid": 5,
            "created_at": "2016-01-04T15:31:39.996Z", "title": "v4.0", "id": 17, "updated_at": "2016-01-04T15:31:39.996Z"
          },
          "assignees": [{ "state": "active", "id": 1, "name": "Administrator", "web_url": "https://gitlab.example.com/root", "avatar_url": null, "username": "root" }],
          "author": { "state": "active", "web_url": "https://gitlab.example.com/alice", "avatar_url": null, "username": "alice", "id": 18, "name": "Alice Example" },
          "type": "ISSUE",
          "assignee": { "state": "active", "id": 1, "name": "Administrator", "web_url": "https://gitlab.example.com/root", "avatar_url": null, "username": "root" },
          "user_notes_count": 7,
          "merge_requests_count": 0,
          "upvotes": 12,
          "downvotes": 3,
          "due_date": null,
          "confidential": true,
          "discussion_locked": false,
          "issue_type": "issue",
          "web_url": "https://gitlab.example.com/acme/widget/issues/{{iid.ToString(CultureInfo.InvariantCulture)}}",
          "time_stats": { "time_estimate": 0, "total_time_spent": 0, "human_time_estimate": null, "human_total_time_spent": null },
          "task_completion_status": { "count": 0, "completed_count": 0 },
          "weight": 5,
          "blocking_issues_count": 0,
          "has_tasks": false,
          "_links": {
            "self": "https://gitlab.example.com/api/v4/projects/4/issues/41",
            "notes": "https://gitlab.example.com/api/v4/projects/4/issues/41/notes",
            "award_emoji": "https://gitlab.example.com/api/v4/projects/4/issues/41/award_emoji",
            "project": "https://gitlab.example.com/api/v4/projects/4",
            "closed_as_duplicate_of": "https://gitlab.example.com/api/v4/projects/4/issues/12"
          },
          "references": { "short": "#41", "relative": "#41", "full": "acme/widget#41" },
          "severity": "UNKNOWN",
          "subscribed": false,
          "moved_to_id": 9001,
          "imported": false,
          "imported_from": "none",
          "service_desk_reply_to": null,
          "epic_iid": null,
          "epic": null,
          "iteration": null,
          "health_status": "on_track"
        }
        """;

    public static string GitLabIssues(int from, int count) =>
        "[" + string.Join(",", Enumerable.Range(from, count).Select(i => GitLabIssue(i, "opened"))) + "]";

    public const string GitLabUser = """
        { "id": 18, "username": "alice", "name": "Alice Example", "state": "active", "locked": false,
          "avatar_url": null, "web_url": "https://gitlab.example.com/alice", "created_at": "2012-05-23T08:00:58Z",
          "bio": "", "public_email": "", "bot": false, "is_admin": false, "two_factor_enabled": true }
        """;

    private const string GitHubUserObject = """
        { "login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://github.com/images/error/octocat_happy.gif",
          "gravatar_id": "", "url": "https://api.github.com/users/octocat", "html_url": "https://github.com/octocat",
          "followers_url": "https://api.github.com/users/octocat/followers", "following_url": "https://api.github.com/users/octocat/following{/other_user}",
          "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}", "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
          "subscriptions_url": "https://api.github.com/users/octocat/subscriptions", "organizations_url": "https://api.github.com/users/octocat/orgs",
          "repos_url": "https://api.github.com/users/octocat/repos", "events_url": "https://api.github.com/users/octocat/events{/privacy}",
          "received_events_url": "https://api.github.com/users/octocat/received_events", "type": "User", "site_admin": false }
        """;

    public static string GitHubUser => GitHubUserObject;

    public static string GitHubIssue(int number, bool pullRequest = false, string state = "closed")
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        var pr = pullRequest
            ? $$"""
              "pull_request": { "url": "https://api.github.com/repos/acme/widget/pulls/{{n}}", "html_url": "https://github.com/acme/widget/pull/{{n}}",
                "diff_url": "https://github.com/acme/widget/pull/{{n}}.diff", "patch_url": "https://github.com/acme/widget/pull/{{n}}.patch", "merged_at": null },
              """
            : string.Empty;
        return $$"""
            {
              "id": {{(number + 1000000).ToString(CultureInfo.InvariantCulture)}},
              "node_id": "MDU6SXNzdWUx",
              "url": "https://api.github.com/repos/acme/widget/issues/{{n}}",
              "repository_url": "https://api.github.com/repos/acme/widget",
              "labels_url": "https://api.github.com/repos/acme/widget/issues/{{n}}/labels{/name}",
              "comments_url": "https://api.github.com/repos/acme/widget/issues/{{n}}/comments",
              "events_url": "https://api.github.com/repos/acme/widget/issues/{{n}}/events",
              "html_url": "https://github.com/acme/widget/issues/{{n}}",
              "number": {{n}},
              "state": "{{state}}",
              "state_reason": {{(state == "closed" ? "\"not_planned\"" : "null")}},
              "title": "Found a bug #{{n}}",
              "body": "I'm having a problem with this.",
              "user": {{GitHubUserObject}},
              "labels": [
                { "id": 208045946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "url": "https://api.github.com/repos/acme/widget/labels/bug",
                  "name": "bug", "description": "Something isn't working", "color": "f29513", "default": true },
                { "id": 208045947, "node_id": "MDU6TGFiZWwyMDgwNDU5NDc=", "url": "https://api.github.com/repos/acme/widget/labels/ui",
                  "name": "ui", "description": null, "color": "a2eeef", "default": false }
              ],
              "assignee": null,
              "assignees": [],
              "milestone": {
                "url": "https://api.github.com/repos/acme/widget/milestones/1", "html_url": "https://github.com/acme/widget/milestones/v1.0",
                "labels_url": "https://api.github.com/repos/acme/widget/milestones/1/labels", "id": 1002604, "node_id": "MDk6TWlsZXN0b25lMTAwMjYwNA==",
                "number": 1, "state": "open", "title": "v1.0", "description": "Tracking milestone for version 1.0", "creator": {{GitHubUserObject}},
                "open_issues": 4, "closed_issues": 8, "created_at": "2011-04-10T20:09:31Z", "updated_at": "2014-03-03T18:58:10Z",
                "closed_at": null, "due_on": "2012-10-09T23:39:01Z"
              },
              "locked": false,
              "active_lock_reason": null,
              "comments": 4,
              {{pr}}
              "closed_at": {{(state == "closed" ? "\"2011-04-24T10:00:00Z\"" : "null")}},
              "created_at": "2011-04-22T13:33:48Z",
              "updated_at": "2011-04-23T13:33:48Z",
              "closed_by": null,
              "author_association": "COLLABORATOR",
              "reactions": {
                "url": "https://api.github.com/repos/acme/widget/issues/{{n}}/reactions",
                "total_count": 9, "+1": 5, "-1": 2, "laugh": 0, "hooray": 1, "confused": 0, "heart": 1, "rocket": 0, "eyes": 0
              },
              "timeline_url": "https://api.github.com/repos/acme/widget/issues/{{n}}/timeline",
              "performed_via_github_app": null
            }
            """;
    }

    public static string GitHubIssues(IEnumerable<string> issues) => "[" + string.Join(",", issues) + "]";

    /// <summary>A GitHub issue comment object as documented (GET /repos/{o}/{r}/issues/{n}/comments).</summary>
    public static string GitHubComment(long id, string body = "Me too")
    {
        var i = id.ToString(CultureInfo.InvariantCulture);
        return $$"""
            {
              "id": {{i}}, "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
              "url": "https://api.github.com/repos/acme/widget/issues/comments/{{i}}",
              "html_url": "https://github.com/acme/widget/issues/1347#issuecomment-{{i}}",
              "body": "{{body}}",
              "user": {{GitHubUserObject}},
              "created_at": "2011-04-14T16:00:49Z",
              "updated_at": "2011-04-15T16:00:49Z",
              "issue_url": "https://api.github.com/repos/acme/widget/issues/1347",
              "author_association": "COLLABORATOR",
              "reactions": { "url": "https://api.github.com/repos/acme/widget/issues/comments/{{i}}/reactions",
                "total_count": 1, "+1": 1, "-1": 0, "laugh": 0, "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0 },
              "performed_via_github_app": null
            }
            """;
    }

    /// <summary>A GitHub reaction object as documented (GET .../issues/{n}/reactions).</summary>
    public static string GitHubReaction(long id, string content) => $$"""
        { "id": {{id.ToString(CultureInfo.InvariantCulture)}}, "node_id": "MDg6UmVhY3Rpb24x", "user": {{GitHubUserObject}},
          "content": "{{content}}", "created_at": "2016-05-20T20:09:31Z" }
        """;

    /// <summary>A GitHub label object as documented (GET /repos/{o}/{r}/labels).</summary>
    public static string GitHubLabel(string name, string color, string? description = null) => $$"""
        { "id": 208045946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "url": "https://api.github.com/repos/acme/widget/labels/{{Uri.EscapeDataString(name)}}",
          "name": "{{name}}", "description": {{(description is null ? "null" : "\"" + description + "\"")}}, "color": "{{color}}", "default": false }
        """;

    /// <summary>A GitHub milestone object as documented (GET /repos/{o}/{r}/milestones).</summary>
    public static string GitHubMilestone(int number, string title, string state = "open")
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        return $$"""
            {
              "url": "https://api.github.com/repos/acme/widget/milestones/{{n}}", "html_url": "https://github.com/acme/widget/milestones/{{title}}",
              "labels_url": "https://api.github.com/repos/acme/widget/milestones/{{n}}/labels", "id": 1002604, "node_id": "MDk6TWlsZXN0b25lMTAwMjYwNA==",
              "number": {{n}}, "state": "{{state}}", "title": "{{title}}", "description": "Tracking milestone for version 1.0",
              "creator": {{GitHubUserObject}}, "open_issues": 4, "closed_issues": 8, "created_at": "2011-04-10T20:09:31Z",
              "updated_at": "2014-03-03T18:58:10Z", "closed_at": null, "due_on": "2012-10-09T23:39:01Z"
            }
            """;
    }

    /// <summary>GitHub's 422 for a duplicate label.</summary>
    public const string GitHubLabelExists = """
        { "message": "Validation Failed", "errors": [ { "resource": "Label", "code": "already_exists", "field": "name" } ],
          "documentation_url": "https://docs.github.com/rest/issues/labels#create-a-label", "status": "422" }
        """;

    /// <summary>GitHub's 404 when the label is not on the issue.</summary>
    public const string GitHubLabelMissing = """
        { "message": "Label does not exist", "documentation_url": "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue", "status": "404" }
        """;
}
