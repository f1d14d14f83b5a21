using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using static Sync.Sandbox.GitHub.GitHubJson;
using static Sync.Sandbox.Pipeline.JsonTime;

namespace Sync.Sandbox.GitHub;

/// <summary>The GitHub issue object; pull requests are issues with a pull_request key.</summary>
internal static class GitHubIssueJson
{
    public static JsonObject Issue(SandboxInstance i, SandboxIssue x)
    {
        var p = x.Project;
        var url = $"{i.ApiUrl}repos/{p.Path}/issues/{x.Number}";
        var html = $"{i.WebUrl}{p.Path}/{(x.IsPullRequest ? "pull" : "issues")}/{x.Number}";
        var json = new JsonObject
        {
            ["url"] = url,
            ["repository_url"] = $"{i.ApiUrl}repos/{p.Path}",
            ["labels_url"] = url + "/labels{/name}",
            ["comments_url"] = url + "/comments",
            ["events_url"] = url + "/events",
            ["html_url"] = html,
            ["id"] = x.Id,
            ["node_id"] = NodeId(x.IsPullRequest ? "PR" : "I", x.Id),
            ["number"] = x.Number,
            ["title"] = x.Title,
            ["user"] = User(i, x.Author),
            ["labels"] = new JsonArray([.. x.Labels.Select(n => p.FindLabel(n)).OfType<SandboxLabel>().Select(l => (JsonNode?)Label(i, p, l))]),
            ["state"] = x.Closed ? "closed" : "open",
            ["locked"] = x.Locked,
            ["assignee"] = x.Assignees.Count > 0 ? User(i, x.Assignees[0]) : null,
            ["assignees"] = new JsonArray([.. x.Assignees.Select(a => (JsonNode?)User(i, a))]),
            ["milestone"] = Milestone(i, p, x.Milestone),
            ["comments"] = x.UserNotesCount,
            ["created_at"] = HubTime(x.CreatedAt),
            ["updated_at"] = HubTime(x.UpdatedAt),
            ["closed_at"] = HubTime(x.ClosedAt),
            ["closed_by"] = x.ClosedBy is null ? null : User(i, x.ClosedBy),
            ["author_association"] = Association(i, x.Author),
            ["type"] = null,
            ["active_lock_reason"] = x.Locked ? "resolved" : null,
            ["sub_issues_summary"] = new JsonObject { ["total"] = 0, ["completed"] = 0, ["percent_completed"] = 0 },
            ["body"] = x.Description,
            ["reactions"] = Reactions(url + "/reactions", x.Awards),
            ["timeline_url"] = url + "/timeline",
            ["performed_via_github_app"] = null,
            ["state_reason"] = x.StateReason,
        };
        if (x.IsPullRequest)
        {
            json["draft"] = false;
            json["pull_request"] = new JsonObject
            {
                ["url"] = $"{i.ApiUrl}repos/{p.Path}/pulls/{x.Number}",
                ["html_url"] = html,
                ["diff_url"] = html + ".diff",
                ["patch_url"] = html + ".patch",
                ["merged_at"] = HubTime(x.ClosedAt),
            };
        }

        return json;
    }
}
