using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>Request bodies of POST /projects/:id/issues and PUT /projects/:id/issues/:iid.</summary>
internal static class GitLabIssueRequests
{
    public static JsonObject Create(NewIssue issue)
    {
        var body = new JsonObject
        {
            ["title"] = issue.Title,
            ["description"] = issue.Body,
            ["confidential"] = issue.Confidential,
        };
        if (issue.Labels is { Count: > 0 } labels)
        {
            body["labels"] = string.Join(',', labels);
        }

        if (issue.MilestoneId is { } milestone)
        {
            body["milestone_id"] = milestone;
        }

        return body;
    }

    /// <exception cref="ArgumentException">The edit changes nothing GitLab knows about.</exception>
    public static JsonObject Edit(IssueEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.ClearMilestone && edit.MilestoneId is not null)
        {
            throw new ArgumentException("An edit cannot both set and clear the milestone", nameof(edit));
        }

        var body = new JsonObject();
        if (edit.Title is { } title)
        {
            body["title"] = title;
        }

        if (edit.Body is { } description)
        {
            body["description"] = description;
        }

        if (edit.AddLabels is { Count: > 0 } add)
        {
            body["add_labels"] = string.Join(',', add);
        }

        if (edit.RemoveLabels is { Count: > 0 } remove)
        {
            body["remove_labels"] = string.Join(',', remove);
        }

        if (edit.ClearMilestone)
        {
            body["milestone_id"] = 0; // GitLab's documented way to unassign the milestone
        }
        else if (edit.MilestoneId is { } milestone)
        {
            body["milestone_id"] = milestone;
        }

        if (edit.State is { } state)
        {
            body["state_event"] = state == IssueState.Closed ? "close" : "reopen";
        }

        return body.Count > 0 ? body : throw new ArgumentException("The edit changes nothing; no request was sent", nameof(edit));
    }
}
