using System.Globalization;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>
/// Applies PUT /projects/:id/issues/:iid and records the system notes GitLab writes for state, label,
/// milestone and title changes.
/// </summary>
internal sealed class GitLabIssueEdit(ApiRequest r, SandboxIssue issue)
{
    private static readonly string[] Editable =
        ["title", "description", "labels", "add_labels", "remove_labels", "state_event", "milestone_id", "confidential", "weight", "discussion_locked", "due_date", "assignee_ids"];

    private bool _changed;

    public ApiReply? Apply()
    {
        if (!Array.Exists(Editable, r.Has))
        {
            return new ApiReply(400, new System.Text.Json.Nodes.JsonObject
            {
                ["error"] = string.Join(", ", Editable) + " are missing, at least one parameter must be provided",
            });
        }

        var instance = r.Instance;
        if (r.Str("title") is { Length: > 0 } title && title != issue.Title)
        {
            System($"changed title from **{issue.Title}** to **{title}**");
            issue.Title = title;
        }

        if (r.Has("description") && r.Str("description") != issue.Description)
        {
            issue.Description = r.Str("description");
            System("changed the description");
        }

        var before = issue.Labels.ToList();
        if (r.List("labels") is { } labels)
        {
            issue.Labels.Clear();
            labels.ForEach(l => instance.AddLabel(issue, l));
        }

        r.List("add_labels")?.ForEach(l => instance.AddLabel(issue, l));
        r.List("remove_labels")?.ForEach(l => issue.Labels.RemoveAll(x => string.Equals(x, l, StringComparison.OrdinalIgnoreCase)));
        LabelNote(before);

        if (r.Has("milestone_id"))
        {
            var id = r.Long("milestone_id");
            var milestone = id is null or 0 ? null : issue.Project.Milestones.Find(m => m.Id == id);
            if (milestone != issue.Milestone)
            {
                issue.Milestone = milestone;
                System(milestone is null ? "removed milestone" : $"changed milestone to %{milestone.Number}");
            }
        }

        if (r.Bool("confidential") is { } confidential && confidential != issue.Confidential)
        {
            issue.Confidential = confidential;
            System(confidential ? "made the issue confidential" : "made the issue visible to everyone");
        }

        if (r.Has("weight") && r.Int("weight") != issue.Weight)
        {
            issue.Weight = r.Int("weight");
            System(issue.Weight is { } w ? $"changed weight to **{w.ToString(CultureInfo.InvariantCulture)}**" : "removed the weight");
        }

        if (r.Bool("discussion_locked") is { } locked && locked != issue.Locked)
        {
            issue.Locked = locked;
            System(locked ? "locked the discussion in this issue" : "unlocked the discussion in this issue");
        }

        if (r.List("assignee_ids") is { } assigneeIds)
        {
            issue.Assignees.Clear();
            issue.Assignees.AddRange(Users(r, assigneeIds));
            _changed = true;
        }

        if (r.Has("due_date"))
        {
            issue.DueDate = JsonTime.ParseDate(r.Str("due_date"));
            _changed = true;
        }

        switch (r.Str("state_event"))
        {
            case "close" when !issue.Closed:
                instance.SetClosed(issue, true, r.User, "completed");
                System("closed");
                break;
            case "reopen" when issue.Closed:
                instance.SetClosed(issue, false, r.User, "reopened");
                System("reopened");
                break;
        }

        if (_changed)
        {
            issue.UpdatedAt = r.Now;
        }

        return null;
    }

    internal static IEnumerable<SandboxUser> Users(ApiRequest r, List<string>? ids) =>
        (ids ?? []).Select(id => long.TryParse(id, out var v) ? r.Instance.FindUser(v) : null).OfType<SandboxUser>();

    private void LabelNote(List<string> before)
    {
        var added = issue.Labels.Where(l => !before.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        var removed = before.Where(l => !issue.HasLabel(l)).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add($"added {Refs(added)} label{(added.Count > 1 ? "s" : "")}");
        }

        if (removed.Count > 0)
        {
            parts.Add($"removed {Refs(removed)} label{(removed.Count > 1 ? "s" : "")}");
        }

        if (parts.Count > 0)
        {
            System(string.Join(" and ", parts));
        }
    }

    private static string Refs(List<string> names) => string.Join(' ', names.Select(n => $"~\"{n}\""));

    private void System(string body)
    {
        r.Instance.CreateNote(issue, r.User, body, isInternal: false, system: true, r.Now);
        _changed = true;
    }
}
