using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>/projects/:id/issues/:iid/notes: comments, including system and internal notes (flagged).</summary>
internal sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notes = ListAllAsync<GitLabNoteDto>(NotesSegment(projectPath, number), "sort=asc&order_by=created_at", $"notes of {projectPath}#{number}", cancellationToken, shortPages: true);
        await foreach (var note in notes.ConfigureAwait(false))
        {
            yield return note.ToComment();
        }
    }

    public async Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        BodyLimits.GitLab.EnsureFits(Name, $"new note on {projectPath}#{number}", body, isComment: true);
        var request = new JsonObject { ["body"] = body, ["internal"] = isInternal };
        var note = await SendAsync<GitLabNoteDto>(HttpMethod.Post, NotesSegment(projectPath, number), request, $"new note on {projectPath}#{number}", cancellationToken)
            .ConfigureAwait(false);
        return note.ToComment();
    }

    public async Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken)
    {
        BodyLimits.GitLab.EnsureFits(Name, $"note {commentId} of {projectPath}#{number}", body, isComment: true);
        var note = await SendAsync<GitLabNoteDto>(
            HttpMethod.Put, NoteSegment(projectPath, number, commentId), new JsonObject { ["body"] = body }, $"note {commentId} of {projectPath}#{number}", cancellationToken)
            .ConfigureAwait(false);
        return note.ToComment();
    }

    private static string NotesSegment(string projectPath, long number) => IssueSegment(projectPath, number) + "/notes";

    private static string NoteSegment(string projectPath, long number, long noteId) => NotesSegment(projectPath, number) + "/" + Id(noteId);
}
