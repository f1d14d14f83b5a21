using Sync.Sandbox.GitLab.QuickActions;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>GET/POST /projects/:id/issues and GET/PUT /projects/:id/issues/:iid.</summary>
internal static class GitLabIssueHandlers
{
    public static ApiReply List(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        IEnumerable<SandboxIssue> q = p.Issues.Where(x => !x.IsPullRequest);
        switch (r.Str("state"))
        {
            case "opened": q = q.Where(x => !x.Closed); break;
            case "closed": q = q.Where(x => x.Closed); break;
        }

        if (r.List("labels") is { Count: > 0 } labels)
        {
            q = labels switch
            {
                ["None"] => q.Where(x => x.Labels.Count == 0),
                ["Any"] => q.Where(x => x.Labels.Count > 0),
                _ => q.Where(x => labels.TrueForAll(x.HasLabel)),
            };
        }

        if (r.Bool("confidential") is { } confidential)
        {
            q = q.Where(x => x.Confidential == confidential);
        }

        if (r.List("iids") is { Count: > 0 } iids)
        {
            q = q.Where(x => iids.Contains(x.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (r.Str("search") is { Length: > 0 } search)
        {
            q = q.Where(x => x.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
                || (x.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        q = Between(q, x => x.UpdatedAt, r.Str("updated_after"), r.Str("updated_before"));
        q = Between(q, x => x.CreatedAt, r.Str("created_after"), r.Str("created_before"));
        var byUpdated = r.Str("order_by") == "updated_at";
        var ascending = r.Str("sort") == "asc";
        Func<SandboxIssue, DateTimeOffset> key = byUpdated ? x => x.UpdatedAt : x => x.CreatedAt;
        var list = q.ToList();
        list.Sort((a, b) =>
        {
            var c = key(a).CompareTo(key(b));
            c = c != 0 ? c : a.Id.CompareTo(b.Id);
            return ascending ? c : -c;
        });
        return Page(r, list, x => GitLabJson.Issue(r.Instance, x, r.User));
    }

    public static ApiReply Get(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        return Issue(r, p) is { } issue ? ApiReply.Ok(GitLabJson.Issue(r.Instance, issue, r.User)) : Error(404, "404 Not found");
    }

    public static ApiReply Create(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (string.IsNullOrWhiteSpace(r.Str("title")))
        {
            return Missing("title");
        }

        // GitLab runs quick actions in the description and stores it without them (and right-trimmed).
        var text = r.Str("description") is { } description ? QuickActionExtractor.Extract(description) : null;
        if (GitLabBodyLimit.CheckDescription(text?.Text) is { } tooLong)
        {
            return tooLong;
        }

        var issue = r.Instance.CreateIssue(
            p, r.User, r.Str("title")!, text?.Text, r.List("labels") ?? [], r.Bool("confidential") ?? false, JsonTime.Parse(r.Str("created_at")));
        if (r.Long("milestone_id") is { } mid && p.Milestones.Find(m => m.Id == mid) is { } milestone)
        {
            issue.Milestone = milestone;
        }

        issue.Weight = r.Instance.Premium ? r.Int("weight") : null;
        issue.Assignees.AddRange(GitLabIssueEdit.Users(r, r.List("assignee_ids")));
        issue.DueDate = JsonTime.ParseDate(r.Str("due_date"));
        if (text is { Commands.Count: > 0 })
        {
            QuickActionEffects.ApplyOnCreate(r.Instance, issue, QuickActionRun.Interpret(r, issue, saved: false, "description", text.Commands));
        }

        return ApiReply.Created(GitLabJson.Issue(r.Instance, issue, r.User));
    }

    public static ApiReply Update(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (Issue(r, p) is not { } issue)
        {
            return Error(404, "404 Not found");
        }

        var edit = new GitLabIssueEdit(r, issue);
        if (r.Str("description") is not { } description)
        {
            return edit.Apply() ?? ApiReply.Ok(GitLabJson.Issue(r.Instance, issue, r.User));
        }

        // As GitLab's merge_quick_actions_into_params!: commands already in the stored description do not run
        // again, and the command parameters override the request's own.
        var text = QuickActionExtractor.Extract(description);
        var previous = issue.Description is { } stored ? QuickActionExtractor.Extract(stored).Commands : [];
        var run = QuickActionRun.Interpret(r, issue, saved: true, "description", text.Commands, previous);
        r.Args["description"] = text.Text;
        foreach (var (key, value) in run.EditArgs)
        {
            r.Args[key] = value?.DeepClone();
        }

        return QuickActionEffects.Apply(r, issue, run, edit.Apply) ?? ApiReply.Ok(GitLabJson.Issue(r.Instance, issue, r.User));
    }

    private static IEnumerable<SandboxIssue> Between(
        IEnumerable<SandboxIssue> q, Func<SandboxIssue, DateTimeOffset> field, string? after, string? before)
    {
        if (JsonTime.Parse(after) is { } from)
        {
            q = q.Where(x => field(x) >= from);
        }

        if (JsonTime.Parse(before) is { } to)
        {
            q = q.Where(x => field(x) <= to);
        }

        return q;
    }
}
