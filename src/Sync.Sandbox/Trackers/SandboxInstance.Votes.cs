namespace Sync.Sandbox;

public sealed partial class SandboxInstance
{
    /// <summary>
    /// Takes back <paramref name="username"/>'s <paramref name="name"/> on an issue (or on one of its notes), as a voter
    /// does from the tracker's page: the issue's <c>updated_at</c> stays as it was (docs/tracker-behaviour.md).
    /// </summary>
    public void RemoveAward(string projectPath, int number, string name, string username, long? noteId = null)
    {
        var project = Project(projectPath);
        var user = User(username);
        lock (Sync)
        {
            var issue = project.FindIssue(number) ?? throw new KeyNotFoundException($"No issue #{number} in {projectPath}.");
            var target = noteId is null ? issue.Awards : issue.Notes.Single(n => n.Id == noteId).Awards;
            if (target.RemoveAll(a => a.Name == name && a.User.Id == user.Id) == 0)
            {
                throw new InvalidOperationException($"{username} gave no {name} to #{number}.");
            }
        }
    }
}
