using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab.QuickActions;

/// <summary>
/// Applies an interpreted run the way GitLab's Issues::UpdateService#execute orders it: the duplicate first,
/// then the update itself, then a move (which wins) or a clone.
/// </summary>
internal static class QuickActionEffects
{
    /// <summary>On create only the commands that need no saved issue can have run: /label and /confidential.</summary>
    public static void ApplyOnCreate(SandboxInstance instance, SandboxIssue issue, QuickActionRun run)
    {
        foreach (var name in run.EditArgs["add_labels"] as JsonArray ?? [])
        {
            instance.AddLabel(issue, name!.GetValue<string>());
        }

        if (run.EditArgs["confidential"] is not null)
        {
            issue.Confidential = true;
        }
    }

    /// <param name="update">The request's own edit (an issue update), or null to apply only the commands (a note).</param>
    public static ApiReply? Apply(ApiRequest r, SandboxIssue issue, QuickActionRun run, Func<ApiReply?>? update = null)
    {
        if (run.DuplicateOf is { } canonical)
        {
            MarkDuplicate(r, issue, canonical);
        }

        var reply = update is not null ? update()
            : run.EditArgs.Count > 0 ? new GitLabIssueEdit(WithArgs(r, run.EditArgs), issue).Apply()
            : null;

        // GitLab's move_to_same_container? check: a move into the issue's own project does nothing.
        if (run.MoveTo is { } target && target != issue.Project && issue.MovedToId is null)
        {
            GitLabMove.MoveIssue(r, issue, target);
        }
        else if (run.CloneTo is { } into)
        {
            Clone(r, issue, into, run.CloneWithNotes);
        }

        return reply;
    }

    private static ApiRequest WithArgs(ApiRequest r, JsonObject args)
    {
        var copy = (JsonObject)args.DeepClone();
        return new ApiRequest { Http = r.Http, Instance = r.Instance, User = r.User, Args = copy };
    }

    // Issues::DuplicateService: a note on each side, then the duplicate is closed (a resource_state_event, no note) and
    // points at the canonical issue.
    private static void MarkDuplicate(ApiRequest r, SandboxIssue issue, SandboxIssue canonical)
    {
        var instance = r.Instance;
        instance.CreateNote(issue, r.User, $"marked this issue as a duplicate of {Ref(canonical, issue.Project)}", isInternal: false, system: true, r.Now);
        if (!issue.Closed)
        {
            instance.SetClosed(issue, true, r.User, "duplicate");
        }

        issue.DuplicateOf = canonical;
        instance.CreateNote(canonical, r.User, $"marked {Ref(issue, canonical.Project)} as a duplicate of this issue", isInternal: false, system: true, r.Now);
    }

    // Issues::CloneService: a copy in the target (labels only where the target has them), the original left open.
    private static void Clone(ApiRequest r, SandboxIssue issue, SandboxProject target, bool withNotes)
    {
        var instance = r.Instance;
        var labels = issue.Labels.Where(l => target.FindLabel(l) is not null).ToList();
        var copy = instance.CreateIssue(target, r.User, issue.Title, issue.Description, labels, issue.Confidential, r.Now);
        if (withNotes)
        {
            foreach (var note in issue.Notes)
            {
                instance.CreateNote(copy, note.Author, note.Body, note.Internal, note.System, note.CreatedAt);
            }
        }

        instance.CreateNote(copy, r.User, $"cloned from {Ref(issue, target)}", isInternal: false, system: true, r.Now);
        instance.CreateNote(issue, r.User, $"cloned to {Ref(copy, issue.Project)}", isInternal: false, system: true, r.Now);
    }

    private static string Ref(SandboxIssue issue, SandboxProject from) => issue.Project == from ? $"#{issue.Number}" : $"{issue.Project.Path}#{issue.Number}";
}
