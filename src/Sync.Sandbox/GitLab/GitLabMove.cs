using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>
/// POST /projects/:id/issues/:iid/move: same instance only; copies notes and award emoji with their authors and
/// times, closes the original and points it at the copy through moved_to_id, as GitLab does. Labels and the milestone
/// travel only where the target already has one of that title (<c>Issuable::Clone::AttributesRewriter</c>
/// <c>cloneable_labels</c> / <c>matching_milestone</c>): a move never creates a label.
/// </summary>
internal static class GitLabMove
{
    public static ApiReply Move(ApiRequest r)
    {
        if (Project(r) is not { } source)
        {
            return ProjectNotFound();
        }

        // lib/api/issues.rb looks the issue up with find_by and answers not_found!('Issue'), unlike GET and PUT.
        if (Issue(r, source) is not { } issue)
        {
            return Error(404, "404 Issue Not Found");
        }

        if (r.Str("to_project_id") is not { Length: > 0 } to)
        {
            return Missing("to_project_id");
        }

        if (r.Instance.FindProject(to) is not { } target)
        {
            return ProjectNotFound();
        }

        if (target == source)
        {
            return Error(400, "Cannot move issue to project it originates from!");
        }

        if (issue.MovedToId is not null)
        {
            return Error(400, "Cannot move issue due to insufficient permissions!");
        }

        return ApiReply.Created(GitLabJson.Issue(r.Instance, MoveIssue(r, issue, target), r.User));
    }

    /// <summary>Also run by the /move quick action, after the rest of its update, as GitLab's Issues::UpdateService does.</summary>
    internal static SandboxIssue MoveIssue(ApiRequest r, SandboxIssue issue, SandboxProject target)
    {
        var source = issue.Project;
        var instance = r.Instance;
        var labels = issue.Labels.Where(l => target.FindLabel(l) is not null).ToList();
        var copy = instance.CreateIssue(target, issue.Author, issue.Title, issue.Description, labels, issue.Confidential, issue.CreatedAt);
        copy.Milestone = issue.Milestone is { } m ? target.Milestones.Find(t => t.Title == m.Title) : null;
        copy.Weight = issue.Weight;
        copy.DueDate = issue.DueDate;
        copy.Assignees.AddRange(issue.Assignees);
        foreach (var award in issue.Awards)
        {
            instance.CreateAward(copy, copy.Awards, award.Name, award.User, award.CreatedAt);
        }

        foreach (var note in issue.Notes)
        {
            var copied = instance.CreateNote(copy, note.Author, note.Body, note.Internal, note.System, note.CreatedAt);
            foreach (var award in note.Awards)
            {
                instance.CreateAward(copy, copied.Awards, award.Name, award.User, award.CreatedAt);
            }
        }

        instance.CreateNote(copy, r.User, $"moved from {source.Path}#{issue.Number}", isInternal: false, system: true, r.Now);
        instance.CreateNote(issue, r.User, $"moved to {target.Path}#{copy.Number}", isInternal: false, system: true, r.Now);
        if (!issue.Closed)
        {
            instance.SetClosed(issue, true, r.User, "completed");
        }

        issue.MovedToId = copy.Id;
        issue.UpdatedAt = copy.UpdatedAt = r.Now;
        return copy;
    }
}
