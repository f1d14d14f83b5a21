using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitHub.GitHubLookup;

namespace Sync.Sandbox.GitHub;

/// <summary>GET/POST /repos/:owner/:repo/issues and GET/PATCH /repos/:owner/:repo/issues/:number.</summary>
internal static class GitHubIssueHandlers
{
    private static readonly string[] StateReasons = ["completed", "not_planned", "duplicate", "reopened"];

    public static ApiReply List(ApiRequest r) => WithRepo(r, p =>
    {
        IEnumerable<SandboxIssue> q = p.Issues;
        q = (r.Str("state") ?? "open") switch
        {
            "closed" => q.Where(x => x.Closed),
            "all" => q,
            _ => q.Where(x => !x.Closed),
        };
        if (r.List("labels") is { Count: > 0 } labels)
        {
            q = q.Where(x => labels.TrueForAll(x.HasLabel));
        }

        if (JsonTime.Parse(r.Str("since")) is { } since)
        {
            q = r.Instance.SinceIsExclusive ? q.Where(x => x.UpdatedAt > since) : q.Where(x => x.UpdatedAt >= since);
        }

        var ascending = r.Str("direction") == "asc";
        Func<SandboxIssue, long> key = r.Str("sort") switch
        {
            "updated" => x => x.UpdatedAt.UtcTicks,
            "comments" => x => x.UserNotesCount,
            _ => x => x.CreatedAt.UtcTicks,
        };
        var list = q.ToList();
        list.Sort((a, b) =>
        {
            var c = key(a).CompareTo(key(b));
            c = c != 0 ? c : a.Id.CompareTo(b.Id);
            return ascending ? c : -c;
        });
        return Page(r, list, x => GitHubIssueJson.Issue(r.Instance, x));
    });

    public static ApiReply Get(ApiRequest r) => WithIssue(r, (_, issue) => ApiReply.Ok(GitHubIssueJson.Issue(r.Instance, issue)));

    public static ApiReply Create(ApiRequest r) => WithRepo(r, p =>
    {
        if (!p.HasIssues)
        {
            return IssuesDisabled();
        }

        if (string.IsNullOrWhiteSpace(r.Str("title")))
        {
            return GitHubDialect.Validation("Issue", "title", "missing_field");
        }

        if (GitHubBodyLimit.Check(r, r.Str("body"), isComment: false) is { } tooLong)
        {
            return tooLong;
        }

        // "Only users with push access can set labels for new issues. Labels are silently dropped otherwise" (same for
        // assignees; milestone assumed alike): no error, the issue is created without them.
        var push = p.CanPush(r.User);
        var issue = r.Instance.CreateIssue(p, r.User, r.Str("title")!, r.Str("body"), push ? r.List("labels") ?? [] : [], false, null);
        if (push && r.Int("milestone") is { } number)
        {
            issue.Milestone = p.Milestones.Find(m => m.Number == number);
        }

        foreach (var login in push ? r.List("assignees") ?? [] : [])
        {
            issue.Assignees.Add(r.Instance.User(login));
        }

        return ApiReply.Created(GitHubIssueJson.Issue(r.Instance, issue)).WithHeader("Location", $"{r.Instance.ApiUrl}repos/{p.Path}/issues/{issue.Number}");
    });

    public static ApiReply Update(ApiRequest r) => WithIssue(r, (p, issue) =>
    {
        if (r.Str("state_reason") is { } reason && !StateReasons.Contains(reason))
        {
            return GitHubDialect.Validation("Issue", "state_reason", "invalid");
        }

        if (GitHubBodyLimit.Check(r, r.Str("body"), isComment: false) is { } tooLong)
        {
            return tooLong;
        }

        // duplicate_issue_id: "The ID of the issue to mark as the canonical duplicate when state_reason is duplicate. The
        // issue must exist and be accessible to the authenticated user. Ignored when state_reason is not duplicate."
        // (@octokit/openapi, issues/update). The canonical may be in any repository; the 422 wording is an assumption.
        SandboxIssue? canonical = null;
        if (r.Str("state_reason") == "duplicate" && r.Has("duplicate_issue_id"))
        {
            canonical = r.Long("duplicate_issue_id") is { } id
                ? r.Instance.Projects().SelectMany(x => x.Issues).FirstOrDefault(x => x.Id == id && !x.IsPullRequest && x != issue)
                : null;
            if (canonical is null)
            {
                return GitHubDialect.Validation("Issue", "duplicate_issue_id", "invalid");
            }
        }

        if (r.Has("title"))
        {
            if (string.IsNullOrWhiteSpace(r.Str("title")))
            {
                return GitHubDialect.Validation("Issue", "title", "missing_field");
            }

            issue.Title = r.Str("title")!;
        }

        if (r.Has("body"))
        {
            issue.Description = r.Str("body");
        }

        // "Without push access to the repository, label changes are silently dropped" (assignees too; milestone assumed alike).
        var push = p.CanPush(r.User);
        if (push && r.List("labels") is { } labels)
        {
            issue.Labels.Clear();
            labels.ForEach(l => r.Instance.AddLabel(issue, l));
        }

        if (push && r.Has("milestone"))
        {
            issue.Milestone = r.Int("milestone") is { } number ? p.Milestones.Find(m => m.Number == number) : null;
        }

        if (push && r.List("assignees") is { } assignees)
        {
            issue.Assignees.Clear();
            issue.Assignees.AddRange(assignees.Select(r.Instance.User));
        }

        switch (r.Str("state"))
        {
            case "closed" when !issue.Closed:
                r.Instance.SetClosed(issue, true, r.User, r.Str("state_reason") ?? "completed");
                break;
            case "open" when issue.Closed:
                r.Instance.SetClosed(issue, false, r.User, "reopened");
                break;
            default:
                if (r.Str("state_reason") is { } changed && issue.Closed)
                {
                    issue.StateReason = changed;
                }

                break;
        }

        if (canonical is not null && issue.Closed && issue.StateReason == "duplicate")
        {
            issue.DuplicateOf = canonical; // read back through GraphQL's MarkedAsDuplicateEvent (REST events do not name it)
        }

        issue.UpdatedAt = r.Now;
        return ApiReply.Ok(GitHubIssueJson.Issue(r.Instance, issue));
    });

    public static ApiReply Milestones(ApiRequest r) => WithRepo(r, p =>
    {
        var state = r.Str("state") ?? "open";
        var list = p.Milestones.Where(m => state == "all" || (state == "closed") == m.Closed).OrderBy(m => m.DueDate ?? DateOnly.MaxValue).ThenBy(m => m.Number).ToList();
        return Page(r, list, m => GitHubJson.Milestone(r.Instance, p, m)!);
    });

    public static ApiReply CreateMilestone(ApiRequest r) => WithRepo(r, p =>
    {
        if (string.IsNullOrWhiteSpace(r.Str("title")))
        {
            return GitHubDialect.Validation("Milestone", "title", "missing_field");
        }

        if (p.Milestones.Exists(m => m.Title == r.Str("title")))
        {
            return GitHubDialect.Validation("Milestone", "title", "already_exists");
        }

        var milestone = new SandboxMilestone
        {
            Id = r.Instance.NextId(),
            Number = p.Milestones.Count + 1,
            Title = r.Str("title")!,
            Description = r.Str("description"),
            Closed = r.Str("state") == "closed",
            CreatedAt = r.Now,
            UpdatedAt = r.Now,
            DueDate = JsonTime.Parse(r.Str("due_on")) is { } due ? DateOnly.FromDateTime(due.UtcDateTime) : null,
            Creator = r.User,
        };
        p.Milestones.Add(milestone);
        return ApiReply.Created(GitHubJson.Milestone(r.Instance, p, milestone) ?? new JsonObject());
    });

    /// <summary>
    /// <c>PATCH /repos/{owner}/{repo}/milestones/{milestone_number}</c> (REST "Update a milestone"): <c>title</c>,
    /// <c>description</c>, <c>due_on</c> and <c>state</c> <c>open</c> or <c>closed</c> (closing sets <c>closed_at</c>).
    /// </summary>
    public static ApiReply UpdateMilestone(ApiRequest r) => WithRepo(r, p =>
    {
        if (r.RouteInt("milestone_number") is not { } number || p.Milestones.Find(m => m.Number == number) is not { } milestone)
        {
            return NotFound();
        }

        if (r.Str("title") is { Length: > 0 } title)
        {
            milestone.Title = title;
        }

        if (r.Has("description"))
        {
            milestone.Description = r.Str("description");
        }

        if (r.Has("due_on"))
        {
            milestone.DueDate = JsonTime.Parse(r.Str("due_on")) is { } due ? DateOnly.FromDateTime(due.UtcDateTime) : null;
        }

        switch (r.Str("state"))
        {
            case "closed" when !milestone.Closed:
                milestone.Closed = true;
                milestone.ClosedAt = r.Now;
                break;
            case "open" when milestone.Closed:
                milestone.Closed = false;
                milestone.ClosedAt = null;
                break;
        }

        milestone.UpdatedAt = r.Now;
        return ApiReply.Ok(GitHubJson.Milestone(r.Instance, p, milestone) ?? new JsonObject());
    });
}
