using System.Globalization;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>
/// Applies PUT /projects/:id/issues/:iid and records the system notes GitLab writes: title, description,
/// confidentiality, discussion lock (and weight). Label, milestone and state changes write no note: GitLab records them
/// as resource events (<c>app/services/issuable/common_system_notes_service.rb</c>: labels through
/// <c>ResourceEvents::ChangeLabelsService</c>, milestone through <c>ResourceEvents::ChangeMilestoneService</c>;
/// <c>app/services/system_notes/issuables_service.rb</c> <c>change_status</c> → <c>create_resource_state_event</c>), which
/// the notes API does not list. They still change the issue, so <c>updated_at</c> moves.
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
        LabelChange(before);

        if (r.Has("milestone_id"))
        {
            var id = r.Long("milestone_id");
            var milestone = id is null or 0 ? null : issue.Project.Milestones.Find(m => m.Id == id);
            if (milestone != issue.Milestone)
            {
                issue.Milestone = milestone;
                _changed = true; // a resource_milestone_event, not a note
            }
        }

        if (r.Bool("confidential") is { } confidential && confidential != issue.Confidential)
        {
            issue.Confidential = confidential;
            System(confidential ? "made the issue confidential" : "made the issue visible to everyone");
        }

        if (instance.Premium && r.Has("weight") && r.Int("weight") != issue.Weight)
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
                instance.SetClosed(issue, true, r.User, "completed"); // a resource_state_event, not a note
                _changed = true;
                break;
            case "reopen" when issue.Closed:
                instance.SetClosed(issue, false, r.User, "reopened");
                _changed = true;
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

    /// <summary>A label change is a resource_label_event, not a note; it still updates the issue.</summary>
    private void LabelChange(List<string> before)
    {
        if (issue.Labels.Count != before.Count || issue.Labels.Exists(l => !before.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            _changed = true;
        }
    }

    private void System(string body)
    {
        r.Instance.CreateNote(issue, r.User, body, isInternal: false, system: true, r.Now);
        _changed = true;
    }
}
