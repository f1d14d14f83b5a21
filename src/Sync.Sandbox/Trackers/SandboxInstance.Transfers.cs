using Sync.Sandbox.Model;

namespace Sync.Sandbox;

// GitHub's issue transfer (GraphQL transferIssue, or the web UI), as a control for tests: the REST API has no route for it.
public sealed partial class SandboxInstance
{
    /// <summary>
    /// Moves a GitHub issue to another repository of this instance: it gets the next number there and keeps its title,
    /// body, state, author, comments and reactions; labels come along when the target has one of the same name, the
    /// milestone does not. The old number answers 301 to the new issue from then on.
    /// </summary>
    public SandboxIssue TransferIssue(string fromPath, int number, string toPath)
    {
        var from = Project(fromPath);
        var to = Project(toPath);
        lock (Sync)
        {
            var old = from.FindIssue(number) ?? throw new KeyNotFoundException($"No issue {fromPath}#{number} on {Name}.");
            var moved = new SandboxIssue
            {
                Id = old.Id,
                Number = to.NextNumber(),
                Project = to,
                Title = old.Title,
                Description = old.Description,
                Closed = old.Closed,
                StateReason = old.StateReason,
                CreatedAt = old.CreatedAt,
                UpdatedAt = Time.GetUtcNow(),
                ClosedAt = old.ClosedAt,
                ClosedBy = old.ClosedBy,
                Author = old.Author,
            };
            moved.Labels.AddRange(old.Labels.Where(l => to.FindLabel(l) is not null));
            moved.Assignees.AddRange(old.Assignees);
            moved.Awards.AddRange(old.Awards);
            foreach (var note in old.Notes)
            {
                var copy = new SandboxNote
                {
                    Id = note.Id, Issue = moved, Body = note.Body, Author = note.Author, CreatedAt = note.CreatedAt, UpdatedAt = note.UpdatedAt,
                    System = note.System, Internal = note.Internal,
                };
                copy.Awards.AddRange(note.Awards);
                moved.Notes.Add(copy);
            }

            from.Issues.Remove(old);
            from.Forget(old);
            from.TransferredTo[number] = moved;
            to.Add(moved);
            return moved;
        }
    }
}
