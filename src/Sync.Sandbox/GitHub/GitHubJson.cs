using System.Text;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using static Sync.Sandbox.Pipeline.JsonTime;

namespace Sync.Sandbox.GitHub;

/// <summary>Renders state as GitHub REST objects with the documented fields.</summary>
internal static class GitHubJson
{
    /// <summary>
    /// The reaction contents, in the order GitHub writes the <c>reactions</c> rollup (recorded in @octokit/fixtures,
    /// scenario paginate-issues); the key set is the OpenAPI <c>reaction-rollup</c> schema's (docs/tracker-behaviour.md).
    /// </summary>
    public static readonly string[] ReactionContents = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"];

    public static string NodeId(string prefix, long id) => prefix + "_" + Convert.ToBase64String(Encoding.ASCII.GetBytes($"0:{id}")).TrimEnd('=');

    public static JsonObject User(SandboxInstance i, SandboxUser u) => new()
    {
        ["login"] = u.Username,
        ["id"] = u.Id,
        ["node_id"] = NodeId("U", u.Id),
        ["avatar_url"] = $"{i.WebUrl}avatars/u/{u.Id}?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"{i.ApiUrl}users/{u.Username}",
        ["html_url"] = $"{i.WebUrl}{u.Username}",
        ["followers_url"] = $"{i.ApiUrl}users/{u.Username}/followers",
        ["following_url"] = $"{i.ApiUrl}users/{u.Username}/following{{/other_user}}",
        ["gists_url"] = $"{i.ApiUrl}users/{u.Username}/gists{{/gist_id}}",
        ["starred_url"] = $"{i.ApiUrl}users/{u.Username}/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"{i.ApiUrl}users/{u.Username}/subscriptions",
        ["organizations_url"] = $"{i.ApiUrl}users/{u.Username}/orgs",
        ["repos_url"] = $"{i.ApiUrl}users/{u.Username}/repos",
        ["events_url"] = $"{i.ApiUrl}users/{u.Username}/events{{/privacy}}",
        ["received_events_url"] = $"{i.ApiUrl}users/{u.Username}/received_events",
        ["type"] = "User",
        ["user_view_type"] = "public",
        ["site_admin"] = false,
    };

    public static JsonObject Repo(SandboxInstance i, SandboxProject p)
    {
        var api = $"{i.ApiUrl}repos/{p.Path}";
        var owner = User(i, new SandboxUser(p.Id + 9_000_000, p.Owner, p.Owner));
        owner["type"] = "Organization";
        return new JsonObject
        {
            ["id"] = p.Id,
            ["node_id"] = NodeId("R", p.Id),
            ["name"] = p.Name,
            ["full_name"] = p.Path,
            ["private"] = p.IsPrivate,
            ["owner"] = owner,
            ["html_url"] = $"{i.WebUrl}{p.Path}",
            ["description"] = p.Description,
            ["fork"] = false,
            ["url"] = api,
            ["issues_url"] = api + "/issues{/number}",
            ["labels_url"] = api + "/labels{/name}",
            ["milestones_url"] = api + "/milestones{/number}",
            ["comments_url"] = api + "/comments{/number}",
            ["pulls_url"] = api + "/pulls{/number}",
            ["created_at"] = HubTime(p.CreatedAt),
            ["updated_at"] = HubTime(p.Issues.Count > 0 ? p.Issues.Max(x => x.UpdatedAt) : p.CreatedAt),
            ["pushed_at"] = HubTime(p.CreatedAt),
            ["homepage"] = null,
            ["size"] = 108,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["language"] = "C#",
            ["has_issues"] = p.HasIssues,
            ["has_projects"] = true,
            ["has_wiki"] = false,
            ["has_pages"] = false,
            ["has_discussions"] = false,
            ["forks_count"] = 0,
            ["archived"] = false,
            ["disabled"] = false,
            ["open_issues_count"] = p.Issues.Count(x => !x.Closed),
            ["license"] = null,
            ["topics"] = new JsonArray(),
            ["visibility"] = p.IsPrivate ? "private" : "public",
            ["forks"] = 0,
            ["open_issues"] = p.Issues.Count(x => !x.Closed),
            ["watchers"] = 0,
            ["default_branch"] = "main",
            ["permissions"] = new JsonObject { ["admin"] = true, ["maintain"] = true, ["push"] = true, ["triage"] = true, ["pull"] = true },
        };
    }

    public static JsonObject Label(SandboxInstance i, SandboxProject p, SandboxLabel l) => new()
    {
        ["id"] = l.Id,
        ["node_id"] = NodeId("LA", l.Id),
        ["url"] = $"{i.ApiUrl}repos/{p.Path}/labels/{Uri.EscapeDataString(l.Name)}",
        ["name"] = l.Name,
        ["color"] = l.Color.ToLowerInvariant(),
        ["default"] = l.Name is "bug" or "enhancement" or "documentation" or "question",
        ["description"] = l.Description,
    };

    public static JsonObject? Milestone(SandboxInstance i, SandboxProject p, SandboxMilestone? m) => m is null ? null : new JsonObject
    {
        ["url"] = $"{i.ApiUrl}repos/{p.Path}/milestones/{m.Number}",
        ["html_url"] = $"{i.WebUrl}{p.Path}/milestone/{m.Number}",
        ["labels_url"] = $"{i.ApiUrl}repos/{p.Path}/milestones/{m.Number}/labels",
        ["id"] = m.Id,
        ["node_id"] = NodeId("MI", m.Id),
        ["number"] = m.Number,
        ["state"] = m.Closed ? "closed" : "open",
        ["title"] = m.Title,
        ["description"] = m.Description,
        ["creator"] = User(i, m.Creator),
        ["open_issues"] = p.Issues.Count(x => x.Milestone == m && !x.Closed),
        ["closed_issues"] = p.Issues.Count(x => x.Milestone == m && x.Closed),
        ["created_at"] = HubTime(m.CreatedAt),
        ["updated_at"] = HubTime(m.UpdatedAt),
        ["closed_at"] = HubTime(m.ClosedAt),
        ["due_on"] = m.DueDate is { } d ? HubTime(new DateTimeOffset(d.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)) : null,
    };

    public static JsonObject Reactions(string url, List<SandboxAward> awards)
    {
        var rollup = new JsonObject { ["url"] = url, ["total_count"] = awards.Count };
        foreach (var content in ReactionContents)
        {
            rollup[content] = awards.Count(a => a.Name == content);
        }

        return rollup;
    }

    public static string Association(SandboxInstance i, SandboxUser u) =>
        u.Id == i.Bot.Id ? "OWNER" : u.Id % 3 == 0 ? "MEMBER" : u.Id % 3 == 1 ? "CONTRIBUTOR" : "NONE";

    public static JsonObject Comment(SandboxInstance i, SandboxNote n)
    {
        var p = n.Issue.Project;
        var url = $"{i.ApiUrl}repos/{p.Path}/issues/comments/{n.Id}";
        return new JsonObject
        {
            ["id"] = n.Id,
            ["node_id"] = NodeId("IC", n.Id),
            ["url"] = url,
            ["html_url"] = $"{i.WebUrl}{p.Path}/issues/{n.Issue.Number}#issuecomment-{n.Id}",
            ["body"] = n.Body,
            ["user"] = User(i, n.Author),
            ["created_at"] = HubTime(n.CreatedAt),
            ["updated_at"] = HubTime(n.UpdatedAt),
            ["issue_url"] = $"{i.ApiUrl}repos/{p.Path}/issues/{n.Issue.Number}",
            ["author_association"] = Association(i, n.Author),
            ["performed_via_github_app"] = null,
            ["reactions"] = Reactions(url + "/reactions", n.Awards),
        };
    }

    public static JsonObject Reaction(SandboxInstance i, SandboxAward a) => new()
    {
        ["id"] = a.Id,
        ["node_id"] = NodeId("REA", a.Id),
        ["user"] = User(i, a.User),
        ["content"] = a.Name,
        ["created_at"] = HubTime(a.CreatedAt),
    };
}
