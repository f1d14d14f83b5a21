using System.Text.Json.Nodes;
using Sync.Sandbox.GitLab.QuickActions;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitLab.GitLabLookup;

namespace Sync.Sandbox.GitLab;

/// <summary>/projects/:id/issues/:iid/notes and award emoji on issues and notes.</summary>
internal static class GitLabNoteHandlers
{
    public static ApiReply List(ApiRequest r) => WithIssue(r, issue =>
    {
        var byUpdated = r.Str("order_by") == "updated_at";
        var ascending = r.Str("sort") == "asc";
        var notes = issue.Notes.ToList();
        notes.Sort((a, b) =>
        {
            var c = byUpdated ? a.UpdatedAt.CompareTo(b.UpdatedAt) : a.CreatedAt.CompareTo(b.CreatedAt);
            c = c != 0 ? c : a.Id.CompareTo(b.Id);
            return ascending ? c : -c;
        });
        // lib/api/notes.rb: paginate, then `notes.select { |note| note.readable_by?(current_user) }`.
        return Page(r, notes, n => GitLabJson.Note(r.Instance, n), n => !n.HiddenFromApi);
    });

    public static ApiReply Get(ApiRequest r) => WithNote(r, (_, note) => ApiReply.Ok(GitLabJson.Note(r.Instance, note)));

    public static ApiReply Create(ApiRequest r) => WithIssue(r, issue =>
    {
        if (string.IsNullOrWhiteSpace(r.Str("body")))
        {
            return Missing("body");
        }

        // Notes::CreateService: commands run on the issue, the note is saved without them, and a note made only of
        // commands is not saved at all (202 with commands_changes and summary, or 400 when nothing could apply).
        var text = QuickActionExtractor.Extract(r.Str("body")!);
        if (GitLabBodyLimit.CheckNote(text.Text) is { } tooLong)
        {
            return tooLong;
        }

        var run = QuickActionRun.Interpret(r, issue, saved: true, "note", text.Commands);
        var note = text.Text.Length == 0
            ? null
            : r.Instance.CreateNote(issue, r.User, text.Text, r.Bool("internal") ?? r.Bool("confidential") ?? false, system: false, JsonTime.Parse(r.Str("created_at")) ?? r.Now);
        QuickActionEffects.Apply(r, issue, run);
        if (note is null)
        {
            return run.Count > 0 && run.FullyEmulated && run.Summary.Length == 0
                ? Error(400, "400 Bad request - Failed to apply commands.")
                : CommandsOnly(run);
        }

        return ApiReply.Created(WithChanges(GitLabJson.Note(r.Instance, note), run));
    });

    public static ApiReply Update(ApiRequest r) => WithNote(r, (issue, note) =>
    {
        if (string.IsNullOrWhiteSpace(r.Str("body")))
        {
            return Missing("body");
        }

        // Notes::UpdateService runs quick actions too: an edit down to commands only deletes the note.
        var text = QuickActionExtractor.Extract(r.Str("body")!);
        if (GitLabBodyLimit.CheckNote(text.Text) is { } tooLong)
        {
            return tooLong;
        }

        var run = QuickActionRun.Interpret(r, issue, saved: true, "note", text.Commands);
        if (text.Text.Length == 0 && run.Count > 0)
        {
            issue.Notes.Remove(note);
            QuickActionEffects.Apply(r, issue, run);
            return CommandsOnly(run);
        }

        note.Body = text.Text;
        note.UpdatedAt = r.Now;
        r.Instance.TouchIssue(issue, r.Now);
        QuickActionEffects.Apply(r, issue, run);
        return ApiReply.Ok(WithChanges(GitLabJson.Note(r.Instance, note), run));
    });

    // Entities::NoteCommands: what GitLab answers instead of a note.
    private static ApiReply CommandsOnly(QuickActionRun run) => new(202, new JsonObject
    {
        ["commands_changes"] = run.Changes.DeepClone(),
        ["summary"] = run.Summary.Length == 0 ? new JsonArray() : new JsonArray(run.Summary),
    });

    private static JsonObject WithChanges(JsonObject note, QuickActionRun run)
    {
        note["commands_changes"] = run.Changes.DeepClone();
        return note;
    }

    public static ApiReply IssueAwards(ApiRequest r) =>
        WithIssue(r, issue => Page(r, issue.Awards, a => GitLabJson.Award(r.Instance, a, issue.Id, "Issue")));

    public static ApiReply NoteAwards(ApiRequest r) =>
        WithNote(r, (_, note) => Page(r, note.Awards, a => GitLabJson.Award(r.Instance, a, note.Id, "Note")));

    public static ApiReply AwardIssue(ApiRequest r) => WithIssue(r, issue => Award(r, issue, issue.Awards, issue.Id, "Issue"));

    public static ApiReply AwardNote(ApiRequest r) => WithNote(r, (issue, note) => Award(r, issue, note.Awards, note.Id, "Note"));

    private static ApiReply Award(ApiRequest r, SandboxIssue issue, List<SandboxAward> target, long awardableId, string type)
    {
        if (string.IsNullOrWhiteSpace(r.Str("name")))
        {
            return Missing("name");
        }

        // GitLab really answers a duplicate award with this odd 404.
        return r.Instance.CreateAward(issue, target, r.Str("name")!, r.User, r.Now) is { } award
            ? ApiReply.Created(GitLabJson.Award(r.Instance, award, awardableId, type))
            : Error(404, "404 Award Emoji Name has already been taken Not Found");
    }

    private static ApiReply WithIssue(ApiRequest r, Func<SandboxIssue, ApiReply> then)
    {
        if (Project(r) is not { } p)
        {
            return ProjectNotFound();
        }

        return Issue(r, p) is { } issue ? then(issue) : Error(404, "404 Not found");
    }

    private static ApiReply WithNote(ApiRequest r, Func<SandboxIssue, SandboxNote, ApiReply> then) => WithIssue(r, issue =>
        r.RouteLong("note_id") is { } id && issue.Notes.Find(n => n.Id == id) is { } note ? then(issue, note) : Error(404, "404 Note Not Found"));
}
