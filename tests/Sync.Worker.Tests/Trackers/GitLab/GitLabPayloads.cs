namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// Whole documented GitLab v4 objects for notes, award emoji, labels, milestones, uploads and boards, fields
/// IssueSync does not read included (shapes from doc/api/notes.md, award_emoji.md, labels.md, milestones.md,
/// projects.md#upload-a-file, boards.md).
/// </summary>
internal static class GitLabPayloads
{
    private const string Root = """{ "id": 1, "username": "root", "name": "Administrator", "state": "active", "locked": false, "avatar_url": null, "web_url": "https://gitlab.example.com/root" }""";

    private const string Alice = """{ "id": 18, "username": "alice", "name": "Alice Example", "state": "active", "locked": false, "avatar_url": null, "web_url": "https://gitlab.example.com/alice" }""";

    public const string NormalNote = $$"""
        { "id": 302, "type": null, "body": "Works for me on 4.1", "attachment": null, "author": {{Alice}},
          "created_at": "2013-10-02T09:22:45.000Z", "updated_at": "2013-10-02T10:22:45.000Z", "system": false,
          "noteable_id": 377, "noteable_type": "Issue", "project_id": 5, "noteable_iid": 41, "resolvable": false,
          "confidential": false, "internal": false, "imported": false, "imported_from": "none", "commands_changes": {} }
        """;

    public const string SystemNote = $$"""
        { "id": 305, "type": null, "body": "closed", "attachment": null, "author": {{Root}},
          "created_at": "2013-10-03T09:00:00.000Z", "updated_at": "2013-10-03T09:00:00.000Z", "system": true,
          "noteable_id": 377, "noteable_type": "Issue", "project_id": 5, "noteable_iid": 41, "resolvable": false,
          "confidential": false, "internal": false, "imported": false, "imported_from": "none" }
        """;

    public const string InternalNote = $$"""
        { "id": 307, "type": null, "body": "Customer is Contoso, do not share.", "attachment": null, "author": {{Alice}},
          "created_at": "2013-10-04T09:00:00.000Z", "updated_at": "2013-10-04T09:30:00.000Z", "system": false,
          "noteable_id": 377, "noteable_type": "Issue", "project_id": 5, "noteable_iid": 41, "resolvable": false,
          "confidential": true, "internal": true, "imported": false, "imported_from": "none" }
        """;

    /// <summary>An older GitLab that only sends <c>confidential</c> (no <c>internal</c> key).</summary>
    public const string LegacyConfidentialNote = $$"""
        { "id": 309, "body": "Old-style confidential note", "attachment": null, "author": {{Root}},
          "created_at": "2013-10-05T09:00:00.000Z", "updated_at": "2013-10-05T09:00:00.000Z", "system": false,
          "noteable_id": 377, "noteable_type": "Issue", "project_id": 5, "noteable_iid": 41, "resolvable": false, "confidential": true }
        """;

    public const string Notes = $"[{NormalNote},{SystemNote},{InternalNote},{LegacyConfidentialNote}]";

    public static string Award(long id, string name, string awardableType = "Issue") => $$"""
        { "id": {{id}}, "name": "{{name}}", "user": {{Alice}},
          "created_at": "2016-06-15T10:09:34.206Z", "updated_at": "2016-06-15T10:09:34.206Z",
          "awardable_id": 80, "awardable_type": "{{awardableType}}" }
        """;

    public static string Label(long id, string name, string color = "#d9534f", string? description = "Bug reported by user") => $$"""
        { "id": {{id}}, "name": "{{name}}", "color": "{{color}}", "text_color": "#FFFFFF",
          "description": {{(description is null ? "null" : $"\"{description}\"")}}, "description_html": "{{description}}",
          "open_issues_count": 1, "closed_issues_count": 0, "open_merge_requests_count": 1, "subscribed": false,
          "priority": 10, "is_project_label": true }
        """;

    public static string Milestone(long id, string title, string state, string? dueDate) => $$"""
        { "id": {{id}}, "iid": 3, "project_id": 16, "title": "{{title}}", "description": "Release {{title}}",
          "due_date": {{(dueDate is null ? "null" : $"\"{dueDate}\"")}}, "start_date": "2013-11-10", "state": "{{state}}",
          "updated_at": "2013-10-02T09:24:18.000Z", "created_at": "2013-10-02T09:24:18.000Z", "expired": false,
          "web_url": "https://gitlab.example.com/acme/widget/-/milestones/3" }
        """;

    public const string Upload = """
        { "id": 5, "alt": "dk", "url": "/uploads/66dbcd21ec5d24ed6ea225176098d52b/dk.png",
          "full_path": "/-/project/1234/uploads/66dbcd21ec5d24ed6ea225176098d52b/dk.png",
          "markdown": "![dk](/uploads/66dbcd21ec5d24ed6ea225176098d52b/dk.png)" }
        """;

    public static string BoardList(long id, long labelId, string labelName, int position) => $$"""
        { "id": {{id}}, "label": {{Label(labelId, labelName, "#F0AD4E", null)}}, "position": {{position}},
          "list_type": "label", "max_issue_count": 0, "max_issue_weight": 0, "limit_metric": null, "collapsed": false }
        """;

    public static string Board(long id, string name, params string[] lists) => $$"""
        { "id": {{id}}, "name": "{{name}}", "hide_backlog_list": false, "hide_closed_list": false,
          "project": { "id": 5, "name": "Widget", "name_with_namespace": "acme / Widget", "path": "widget",
                       "path_with_namespace": "acme/widget", "http_url_to_repo": "https://gitlab.example.com/acme/widget.git",
                       "web_url": "https://gitlab.example.com/acme/widget" },
          "milestone": null, "assignee": null, "labels": [], "weight": null,
          "lists": [{{string.Join(",", lists)}}] }
        """;
}
