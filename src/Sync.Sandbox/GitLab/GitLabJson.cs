using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using static Sync.Sandbox.Pipeline.JsonTime;

namespace Sync.Sandbox.GitLab;

/// <summary>Renders state as GitLab v4 objects with every documented field, read by IssueSync or not.</summary>
internal static class GitLabJson
{
    public static JsonObject User(SandboxInstance i, SandboxUser u) => new()
    {
        ["id"] = u.Id,
        ["username"] = u.Username,
        ["name"] = u.Name,
        ["state"] = "active",
        ["locked"] = false,
        ["avatar_url"] = $"{i.WebUrl}uploads/-/system/user/avatar/{u.Id}/avatar.png",
        ["web_url"] = $"{i.WebUrl}{u.Username}",
    };

    /// <summary>
    /// GET /user for a non-admin token: Entities::UserPublic (lib/api/users.rb), i.e. UserBasic + Entities::User's profile
    /// fields + user_public.rb's account fields, as public_api/v4/user/public.json requires them.
    /// </summary>
    public static JsonObject CurrentUser(SandboxInstance i, SandboxUser u)
    {
        var user = User(i, u);
        var joined = LabTime(AccountsCreated);
        user["created_at"] = joined;
        foreach (var empty in new[] { "bio", "location", "public_email", "skype", "linkedin", "twitter", "website_url", "organization", "job_title", "pronouns" })
        {
            user[empty] = "";
        }

        user["bot"] = false;
        user["work_information"] = null;
        user["followers"] = 0;
        user["following"] = 0;
        user["last_sign_in_at"] = joined;
        user["confirmed_at"] = joined;
        user["last_activity_on"] = Date(DateOnly.FromDateTime(i.Time.GetUtcNow().UtcDateTime));
        user["email"] = $"{u.Username}@sandbox.invalid";
        user["theme_id"] = 1;
        user["color_scheme_id"] = 1;
        user["projects_limit"] = 100_000;
        user["current_sign_in_at"] = joined;
        user["identities"] = new JsonArray();
        user["can_create_group"] = true;
        user["can_create_project"] = true;
        user["two_factor_enabled"] = false;
        user["external"] = false;
        user["private_profile"] = false;
        user["commit_email"] = user["email"]!.GetValue<string>();
        return user;
    }

    // Every sandbox account exists from before any seeded project.
    private static readonly DateTimeOffset AccountsCreated = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject Project(SandboxInstance i, SandboxProject p) => new()
    {
        ["id"] = p.Id,
        ["description"] = p.Description,
        ["name"] = p.Name,
        ["name_with_namespace"] = $"{p.Owner} / {p.Name}",
        ["path"] = p.Name,
        ["path_with_namespace"] = p.Path,
        ["created_at"] = LabTime(p.CreatedAt),
        ["default_branch"] = "main",
        ["tag_list"] = new JsonArray(),
        ["topics"] = new JsonArray(),
        ["ssh_url_to_repo"] = $"git@127.0.0.1:{p.Path}.git",
        ["http_url_to_repo"] = $"{i.WebUrl}{p.Path}.git",
        ["web_url"] = $"{i.WebUrl}{p.Path}",
        ["readme_url"] = $"{i.WebUrl}{p.Path}/-/blob/main/README.md",
        ["avatar_url"] = null,
        ["forks_count"] = 0,
        ["star_count"] = 0,
        ["last_activity_at"] = LabTime(p.Issues.Count > 0 ? p.Issues.Max(x => x.UpdatedAt) : p.CreatedAt),
        ["namespace"] = new JsonObject
        {
            ["id"] = p.Id + 1000, ["name"] = p.Owner, ["path"] = p.Owner, ["kind"] = "group", ["full_path"] = p.Owner,
            ["parent_id"] = null, ["avatar_url"] = null, ["web_url"] = $"{i.WebUrl}groups/{p.Owner}",
        },
        ["visibility"] = p.IsPrivate ? "private" : "public",
        ["issues_enabled"] = true,
        ["open_issues_count"] = p.Issues.Count(x => !x.Closed && !x.IsPullRequest),
        ["creator_id"] = p.Creator.Id,
        ["archived"] = false,
        ["empty_repo"] = false,
        ["issues_access_level"] = "enabled",
        ["_links"] = new JsonObject
        {
            ["self"] = $"{i.ApiUrl}projects/{p.Id}",
            ["issues"] = $"{i.ApiUrl}projects/{p.Id}/issues",
            ["labels"] = $"{i.ApiUrl}projects/{p.Id}/labels",
            ["events"] = $"{i.ApiUrl}projects/{p.Id}/events",
            ["members"] = $"{i.ApiUrl}projects/{p.Id}/members",
        },
    };

    public static JsonObject? Milestone(SandboxInstance i, SandboxProject p, SandboxMilestone? m) => m is null ? null : new JsonObject
    {
        ["id"] = m.Id,
        ["iid"] = m.Number,
        ["project_id"] = p.Id,
        ["title"] = m.Title,
        ["description"] = m.Description,
        ["state"] = m.Closed ? "closed" : "active",
        ["created_at"] = LabTime(m.CreatedAt),
        ["updated_at"] = LabTime(m.UpdatedAt),
        ["due_date"] = Date(m.DueDate),
        ["start_date"] = Date(m.StartDate),
        ["expired"] = m.DueDate is { } due && due < DateOnly.FromDateTime(i.Time.GetUtcNow().UtcDateTime),
        ["web_url"] = $"{i.WebUrl}{p.Path}/-/milestones/{m.Number}",
    };

    /// <param name="viewer">The token's user: a duplicate link is shown only when they can read the canonical.</param>
    public static JsonObject Issue(SandboxInstance i, SandboxIssue x, SandboxUser viewer)
    {
        var p = x.Project;
        var api = $"{i.ApiUrl}projects/{p.Id}";
        var tasks = CountTasks(x.Description);
        var issue = new JsonObject
        {
            ["id"] = x.Id,
            ["iid"] = x.Number,
            ["project_id"] = p.Id,
            ["title"] = x.Title,
            ["description"] = x.Description,
            ["state"] = x.Closed ? "closed" : "opened",
            ["created_at"] = LabTime(x.CreatedAt),
            ["updated_at"] = LabTime(x.UpdatedAt),
            ["closed_at"] = LabTime(x.ClosedAt),
            ["closed_by"] = x.ClosedBy is null ? null : User(i, x.ClosedBy),
            ["labels"] = new JsonArray([.. x.Labels.Select(l => (JsonNode?)l)]),
            ["milestone"] = Milestone(i, p, x.Milestone),
            ["assignees"] = new JsonArray([.. x.Assignees.Select(a => (JsonNode?)User(i, a))]),
            ["author"] = User(i, x.Author),
            ["type"] = "ISSUE",
            ["assignee"] = x.Assignees.Count > 0 ? User(i, x.Assignees[0]) : null,
            ["user_notes_count"] = x.UserNotesCount,
            ["merge_requests_count"] = 0,
            ["upvotes"] = x.Upvotes,
            ["downvotes"] = x.Downvotes,
            ["due_date"] = Date(x.DueDate),
            ["confidential"] = x.Confidential,
            ["discussion_locked"] = x.Locked ? true : null,
            ["issue_type"] = "issue",
            ["web_url"] = $"{i.WebUrl}{p.Path}/-/issues/{x.Number}",
            ["time_stats"] = new JsonObject
            {
                ["time_estimate"] = 0, ["total_time_spent"] = 0, ["human_time_estimate"] = null, ["human_total_time_spent"] = null,
            },
            ["task_completion_status"] = new JsonObject { ["count"] = tasks.Count, ["completed_count"] = tasks.Done },
            ["blocking_issues_count"] = 0,
            ["has_tasks"] = tasks.Count > 0,
            ["task_status"] = $"{tasks.Done} of {tasks.Count} checklist items completed",
            ["_links"] = new JsonObject
            {
                ["self"] = $"{api}/issues/{x.Number}",
                ["notes"] = $"{api}/issues/{x.Number}/notes",
                ["award_emoji"] = $"{api}/issues/{x.Number}/award_emoji",
                ["project"] = api,
                // lib/api/entities/issue.rb: api_v4_project_issue_path(id: issue.duplicated_to.project_id, ...), the
                // canonical's own project, shown only to a user who can read the canonical.
                ["closed_as_duplicate_of"] = x.DuplicateOf is { } canonical && i.CanRead(viewer, canonical.Project)
                    ? $"{i.ApiUrl}projects/{canonical.Project.Id}/issues/{canonical.Number}"
                    : null,
            },
            ["references"] = new JsonObject { ["short"] = $"#{x.Number}", ["relative"] = $"#{x.Number}", ["full"] = $"{p.Path}#{x.Number}" },
            ["severity"] = "UNKNOWN",
            ["subscribed"] = false,
            ["moved_to_id"] = x.MovedToId,
            ["imported"] = false,
            ["imported_from"] = "none",
            ["service_desk_reply_to"] = null,
            ["iteration"] = null,
            ["epic_iid"] = null,
            ["epic"] = null,
            ["health_status"] = null,
        };
        if (i.Premium)
        {
            issue["weight"] = x.Weight; // a Premium feature: absent from the issue on Free
        }

        return issue;
    }

    public static JsonObject Note(SandboxInstance i, SandboxNote n) => new()
    {
        ["id"] = n.Id,
        ["type"] = null,
        ["body"] = n.Body,
        ["attachment"] = null,
        ["author"] = User(i, n.Author),
        ["created_at"] = LabTime(n.CreatedAt),
        ["updated_at"] = LabTime(n.UpdatedAt),
        ["system"] = n.System,
        ["noteable_id"] = n.Issue.Id,
        ["noteable_type"] = "Issue",
        ["project_id"] = n.Issue.Project.Id,
        ["resolvable"] = false,
        ["confidential"] = n.Internal,
        ["internal"] = n.Internal,
        ["imported"] = false,
        ["imported_from"] = "none",
        ["noteable_iid"] = n.Issue.Number,
        ["commands_changes"] = new JsonObject(),
    };

    public static JsonObject Award(SandboxInstance i, SandboxAward a, long awardableId, string awardableType) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["user"] = User(i, a.User),
        ["created_at"] = LabTime(a.CreatedAt),
        ["updated_at"] = LabTime(a.CreatedAt),
        ["awardable_id"] = awardableId,
        ["awardable_type"] = awardableType,
    };

    public static JsonObject Label(SandboxProject p, SandboxLabel l) => new()
    {
        ["id"] = l.Id,
        ["name"] = l.Name,
        ["color"] = "#" + l.Color,
        ["text_color"] = TextColor(l.Color),
        ["description"] = l.Description,
        ["description_html"] = l.Description ?? "",
        ["open_issues_count"] = p.Issues.Count(x => !x.Closed && x.HasLabel(l.Name)),
        ["closed_issues_count"] = p.Issues.Count(x => x.Closed && x.HasLabel(l.Name)),
        ["open_merge_requests_count"] = 0,
        ["subscribed"] = false,
        ["priority"] = l.Priority,
        ["is_project_label"] = true,
    };

    // GitLab picks white or dark text by the background's luminance.
    private static string TextColor(string hex)
    {
        var v = Convert.ToInt32(hex, 16);
        var luminance = (0.299 * (v >> 16 & 0xFF)) + (0.587 * (v >> 8 & 0xFF)) + (0.114 * (v & 0xFF));
        return luminance > 150 ? "#1F1E24" : "#FFFFFF";
    }

    private static (int Count, int Done) CountTasks(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return (0, 0);
        }

        var open = CountOf(description, "- [ ]");
        var done = CountOf(description, "- [x]");
        return (open + done, done);
    }

    private static int CountOf(string text, string token)
    {
        var n = 0;
        for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + token.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
