namespace Sync.Sandbox;

/// <summary>
/// The writes the trackers' content-creation ceilings count, as the sandbox classifies them (one rule, shared by the
/// sandbox's own rate limiter and <see cref="SandboxStats.WriteWindows"/>). Sources: <c>docs/tracker-behaviour.md</c>.
/// </summary>
public enum SandboxWriteKind
{
    /// <summary>
    /// GitHub: every POST, PATCH, PUT or DELETE. GitHub does not publish which requests are "content-generating"
    /// (80/min, 500/h); it prices every mutating REST request alike (5 points) and names issue and comment creation
    /// explicitly, so the sandbox counts them all: a client under the ceilings by this count is under them by any
    /// narrower reading.
    /// </summary>
    GitHubContent,

    /// <summary>GitLab: <c>POST /projects/:id/issues</c> (issue creation, 200/min on GitLab.com).</summary>
    GitLabIssueCreate,

    /// <summary>GitLab: <c>POST /projects/:id/issues/:iid/notes</c> (note creation, 60/min on GitLab.com).</summary>
    GitLabNoteCreate,
}
