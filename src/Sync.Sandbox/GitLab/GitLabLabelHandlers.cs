using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>/projects/:id/labels and /projects/:id/milestones.</summary>
internal static partial class GitLabLabelHandlers
{
    public static ApiReply List(ApiRequest r) =>
        Project(r) is { } p ? Page(r, p.Labels, l => GitLabJson.Label(p, l)) : ProjectNotFound();

    public static ApiReply Create(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        var name = r.Str("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Missing("name");
        }

        if (string.IsNullOrWhiteSpace(r.Str("color")))
        {
            return Missing("color");
        }

        if (ParseColor(r.Str("color")) is not { } color)
        {
            return new ApiReply(400, new JsonObject { ["message"] = new JsonObject { ["color"] = new JsonArray("must be a valid color code") } });
        }

        if (p.FindLabel(name) is not null)
        {
            return Error(409, "Label already exists");
        }

        var label = r.Instance.EnsureLabel(p, name, color, r.Str("description"));
        label.Priority = r.Int("priority");
        return ApiReply.Created(GitLabJson.Label(p, label));
    }

    public static ApiReply Update(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        var key = r.Route("label_id");
        var label = long.TryParse(key, out var id) ? p.Labels.Find(l => l.Id == id) : p.FindLabel(key);
        if (label is null)
        {
            return Error(404, "404 Label Not Found");
        }

        if (r.Str("new_name") is { Length: > 0 } newName && newName != label.Name)
        {
            if (p.FindLabel(newName) is not null)
            {
                return Error(409, "Label already exists");
            }

            p.Rename(label, newName);
        }

        if (r.Has("color"))
        {
            label.Color = ParseColor(r.Str("color")) ?? label.Color;
        }

        if (r.Has("description"))
        {
            label.Description = r.Str("description");
        }

        if (r.Has("priority"))
        {
            label.Priority = r.Int("priority");
        }

        return ApiReply.Ok(GitLabJson.Label(p, label));
    }

    public static ApiReply Milestones(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        IEnumerable<SandboxMilestone> q = p.Milestones;
        if (r.Str("title") is { } title)
        {
            q = q.Where(m => m.Title == title);
        }

        q = r.Str("state") switch
        {
            "active" => q.Where(m => !m.Closed),
            "closed" => q.Where(m => m.Closed),
            _ => q,
        };
        return Page(r, q.OrderByDescending(m => m.DueDate).ThenByDescending(m => m.Id).ToList(), m => GitLabJson.Milestone(r.Instance, p, m)!);
    }

    public static ApiReply CreateMilestone(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (string.IsNullOrWhiteSpace(r.Str("title")))
        {
            return Missing("title");
        }

        if (p.Milestones.Exists(m => m.Title == r.Str("title")))
        {
            return Error(400, "Failed to create milestone! Milestone title already exists");
        }

        var milestone = new SandboxMilestone
        {
            Id = r.Instance.NextId(),
            Number = p.Milestones.Count + 1,
            Title = r.Str("title")!,
            Description = r.Str("description"),
            CreatedAt = r.Now,
            UpdatedAt = r.Now,
            DueDate = JsonTime.ParseDate(r.Str("due_date")),
            StartDate = JsonTime.ParseDate(r.Str("start_date")),
            Creator = r.User,
        };
        p.Milestones.Add(milestone);
        return ApiReply.Created(GitLabJson.Milestone(r.Instance, p, milestone)!);
    }

    /// <summary>
    /// <c>PUT /projects/:id/milestones/:milestone_id</c> (doc/api/milestones.md, "Edit milestone"): <c>title</c>,
    /// <c>description</c>, <c>due_date</c>, and <c>state_event</c> <c>close</c> or <c>activate</c>; an unknown milestone is 404.
    /// </summary>
    public static ApiReply UpdateMilestone(ApiRequest r)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        if (r.RouteLong("milestone_id") is not { } id || p.Milestones.Find(m => m.Id == id) is not { } milestone)
        {
            return Error(404, "404 Milestone Not Found");
        }

        if (r.Str("title") is { Length: > 0 } title)
        {
            milestone.Title = title;
        }

        if (r.Has("description"))
        {
            milestone.Description = r.Str("description");
        }

        if (r.Has("due_date"))
        {
            milestone.DueDate = JsonTime.ParseDate(r.Str("due_date"));
        }

        switch (r.Str("state_event"))
        {
            case "close" when !milestone.Closed:
                milestone.Closed = true;
                milestone.ClosedAt = r.Now;
                break;
            case "activate" when milestone.Closed:
                milestone.Closed = false;
                milestone.ClosedAt = null;
                break;
        }

        milestone.UpdatedAt = r.Now;
        return ApiReply.Ok(GitLabJson.Milestone(r.Instance, p, milestone)!);
    }

    /// <summary>Accepts "#RRGGBB" (and "#RGB"), the forms GitLab documents; returns the six digits.</summary>
    private static string? ParseColor(string? value)
    {
        if (value is null || !HexColor().IsMatch(value))
        {
            return null;
        }

        var hex = value[1..].ToUpperInvariant();
        return hex.Length == 3 ? string.Concat(hex.Select(c => $"{c}{c}")) : hex;
    }

    [GeneratedRegex("^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")]
    private static partial Regex HexColor();
}
