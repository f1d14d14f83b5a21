using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.QuickActions.QuickActionReferences;

namespace Sync.Sandbox.GitLab.QuickActions;

/// <summary>
/// Interprets extracted commands against one issue as GitLab's QuickActions::InterpretService does: a command
/// runs only when its condition holds on the issue as it was before the request (lib/gitlab/quick_actions/
/// issuable_actions.rb, issue_actions.rb, issue_and_merge_request_actions.rb), and yields GitLab's update
/// parameters (commands_changes) and execution message. Nothing is applied here; see <see cref="QuickActionEffects"/>.
/// </summary>
internal sealed class QuickActionRun
{
    private readonly SandboxInstance _instance;
    private readonly SandboxIssue _issue;
    private readonly bool _saved;
    private readonly List<string> _messages = [];

    private QuickActionRun(SandboxInstance instance, SandboxIssue issue, bool saved)
    {
        _instance = instance;
        _issue = issue;
        _saved = saved;
    }

    /// <summary>The same changes in the parameter names the sandbox's issue edit takes (label names, not ids).</summary>
    public JsonObject EditArgs { get; } = [];

    /// <summary>GitLab's update parameters, as its API returns them in commands_changes.</summary>
    public JsonObject Changes { get; } = [];

    /// <summary>GitLab's commands_executed_count: every known command, whether its condition held or not.</summary>
    public int Count { get; private set; }

    /// <summary>Every command was one the sandbox emulates, so a blank summary means GitLab's "Failed to apply commands.".</summary>
    public bool FullyEmulated { get; private set; } = true;

    /// <summary>GitLab's execution messages joined by spaces, the one entry of a command-only note's summary.</summary>
    public string Summary => string.Join(' ', _messages);

    public SandboxIssue? DuplicateOf { get; private set; }
    public SandboxProject? MoveTo { get; private set; }
    public SandboxProject? CloneTo { get; private set; }
    public bool CloneWithNotes { get; private set; }

    /// <param name="saved">False for the description of an issue being created: most commands need a saved issue.</param>
    /// <param name="skip">Commands of the previous description: GitLab does not run them again on an update.</param>
    public static QuickActionRun Interpret(
        ApiRequest r, SandboxIssue issue, bool saved, string source, IReadOnlyList<QuickAction> commands, IReadOnlyList<QuickAction>? skip = null)
    {
        var run = new QuickActionRun(r.Instance, issue, saved);
        foreach (var command in commands)
        {
            var outcome = SandboxQuickActionOutcome.Skipped;
            if (skip?.Contains(command) != true && QuickActionCatalog.Find(command.Name) is { Substitution: null } definition)
            {
                run.Count++;
                outcome = run.Run(definition.Name, command.Argument);
            }

            r.Instance.RecordQuickAction(new SandboxQuickAction(issue.Project.Path, issue.Number, source, command.Name, command.Argument, outcome, r.Now));
        }

        return run;
    }

    private SandboxQuickActionOutcome Run(string name, string? arg) => name switch
    {
        "close" => When(_saved && !_issue.Closed, name, () => Set("state_event", "close", "close", "Closed this issue.")),
        "reopen" => When(_saved && _issue.Closed, name, () => Set("state_event", "reopen", "reopen", "Reopened this issue.")),
        "title" => When(_saved, name, () => arg is null ? null : Set("title", arg.Trim(), arg, $"Changed the title to \"{arg}\".")),
        "label" => When(_issue.Project.Labels.Count > 0, name, () => AddLabels(arg)),
        "unlabel" => When(_saved && _issue.Labels.Count > 0, name, () => RemoveLabels(arg)),
        "relabel" => When(_saved && _issue.Labels.Count > 0, name, () => Relabel(arg)),
        "confidential" => When(!_issue.Confidential, name, () => Set("confidential", true, true, "Made this issue confidential.")),
        "lock" => When(_saved && !_issue.Locked, name, () => Set("discussion_locked", true, true, "Locked the discussion.")),
        "unlock" => When(_saved && _issue.Locked, name, () => Set("discussion_locked", false, false, "Unlocked the discussion.")),
        "remove_due_date" => When(_saved && _issue.DueDate is not null, name, () => Set("due_date", null, null, "Removed the due date.")),
        "duplicate" => When(_saved, name, () => arg is null ? null : Duplicate(arg)),
        "move" => When(_saved, name, () => arg is null ? null : Move(arg)),
        "clone" => When(_saved, name, () => Clone(arg)),
        _ => RecordOnly(),
    };

    // A command whose condition holds may still change nothing (/title without a title, /label ~missing): only a
    // command that added an update parameter counts as applied.
    private SandboxQuickActionOutcome When(bool available, string name, Func<string?> execute)
    {
        if (!available)
        {
            _messages.Add($"Could not apply {name} command.");
            return SandboxQuickActionOutcome.Skipped;
        }

        var before = Changes.Count;
        if (execute() is { Length: > 0 } message)
        {
            _messages.Add(message);
        }

        return Changes.Count > before ? SandboxQuickActionOutcome.Applied : SandboxQuickActionOutcome.Skipped;
    }

    // The sandbox cannot say what GitLab would answer for these, so it claims nothing about their outcome.
    private SandboxQuickActionOutcome RecordOnly()
    {
        FullyEmulated = false;
        return SandboxQuickActionOutcome.RecordedOnly;
    }

    private string Set(string key, JsonNode? editValue, JsonNode? change, string message)
    {
        EditArgs[key] = editValue;
        Changes[key] = change;
        return message;
    }

    private string? AddLabels(string? arg)
    {
        var labels = Labels(_issue.Project, arg);
        if (labels.Count == 0)
        {
            return null;
        }

        Append("add_labels", "add_label_ids", labels);
        return $"Added {string.Join(' ', labels.Select(Reference))} {Labels(labels.Count)}.";
    }

    private string RemoveLabels(string? arg)
    {
        if (arg is null)
        {
            EditArgs["labels"] = new JsonArray();
            Changes["label_ids"] = new JsonArray();
            return "Removed all labels.";
        }

        // GitLab words a removal of labels it cannot find as "Removed all labels." while removing none.
        var labels = Labels(_issue.Project, arg);
        if (labels.Count > 0)
        {
            Append("remove_labels", "remove_label_ids", labels);
        }

        return labels.Count == 0 ? "Removed all labels." : $"Removed {string.Join(' ', labels.Select(Reference))} {Labels(labels.Count)}.";
    }

    private string? Relabel(string? arg)
    {
        var labels = Labels(_issue.Project, arg);
        if (labels.Count == 0)
        {
            return null;
        }

        Append("labels", "label_ids", labels);
        return $"Replaced all labels with {string.Join(' ', labels.Select(Reference))} {Labels(labels.Count)}.";
    }

    private void Append(string editKey, string changeKey, List<SandboxLabel> labels)
    {
        var names = EditArgs[editKey] as JsonArray ?? [];
        var ids = Changes[changeKey] as JsonArray ?? [];
        foreach (var label in labels.Where(l => !names.Any(n => n?.GetValue<string>() == l.Name)))
        {
            names.Add(label.Name);
            ids.Add(label.Id);
        }

        EditArgs[editKey] = names;
        Changes[changeKey] = ids;
    }

    private string Duplicate(string arg)
    {
        if (Issue(_instance, _issue.Project, arg) is not { } canonical)
        {
            return "Failed to mark this Issue as a duplicate because referenced item was not found.";
        }

        if (canonical == _issue)
        {
            return "Failed to mark the Issue as duplicate of itself.";
        }

        DuplicateOf = canonical;
        Changes["canonical_issue_id"] = canonical.Id;
        return $"Closed this Issue. Marked as related to, and a duplicate of, {_instance.WebUrl}{canonical.Project.Path}/-/issues/{canonical.Number}.";
    }

    private string Move(string arg)
    {
        if (_instance.FindProject(arg.Trim()) is not { } target)
        {
            return "Unable to move. Target project or group doesn't exist or doesn't support this item type.";
        }

        MoveTo = target;
        Changes["target_container"] = Container(target);
        return $"Moved this item to {arg}.";
    }

    private string Clone(string? arg)
    {
        var parts = (arg ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var withNotes = parts.Remove("--with_notes");
        if (parts.Count > 1)
        {
            return "Failed to clone this item: wrong parameters.";
        }

        // Without a path GitLab clones into the issue's own project.
        var target = parts.Count == 0 ? _issue.Project : _instance.FindProject(parts[0]);
        if (target is null)
        {
            return "Unable to clone. Target project or group doesn't exist or doesn't support this item type.";
        }

        CloneTo = target;
        CloneWithNotes = withNotes;
        Changes["target_clone_container"] = Container(target);
        Changes["clone_with_notes"] = withNotes;
        return $"Cloned this item to {(parts.Count == 0 ? target.Path : parts[0])}.";
    }

    // GitLab puts the Project record itself in the update parameters; the sandbox answers its identifying columns.
    private static JsonObject Container(SandboxProject p) => new() { ["id"] = p.Id, ["name"] = p.Name, ["path"] = p.Name, ["full_path"] = p.Path };
}
