namespace Sync.Sandbox.Tests.Support;

/// <summary>
/// One create request (issue, comment or note, label) against the public project of the "gitlab" or "github"
/// instance, with a unique payload and a way to count how many times the sandbox stored it.
/// </summary>
internal sealed record CreateWrite(SandboxInstance Instance, string Url, string Endpoint, object Body, Func<int> Stored)
{
    public static CreateWrite For(SandboxServer server, string tracker, string target)
    {
        var unique = "commit-fault-" + Guid.NewGuid().ToString("N")[..8];
        return (tracker, target) switch
        {
            ("gitlab", "issue") => new(server.GitLab, "projects/acme%2Fgadget/issues", "POST /projects/:id/issues", new { title = unique },
                () => server.GitLab.Issues("acme/gadget").Count(i => i.Title == unique)),
            ("gitlab", "comment") => new(server.GitLab, "projects/acme%2Fgadget/issues/1/notes", "POST /projects/:id/issues/:iid/notes", new { body = unique },
                () => server.GitLab.Notes("acme/gadget", 1).Count(n => n.Body == unique)),
            ("gitlab", "label") => new(server.GitLab, "projects/acme%2Fgadget/labels", "POST /projects/:id/labels", new { name = unique, color = "#aabbcc" },
                () => server.GitLab.Labels("acme/gadget").Count(l => l.Name == unique)),
            ("github", "issue") => new(server.GitHub, "repos/acme/widget/issues", "POST /repos/:owner/:repo/issues", new { title = unique },
                () => server.GitHub.Issues("acme/widget").Count(i => i.Title == unique)),
            ("github", "comment") => new(server.GitHub, "repos/acme/widget/issues/1/comments", "POST /repos/:owner/:repo/issues/:number/comments", new { body = unique },
                () => server.GitHub.Notes("acme/widget", 1).Count(n => n.Body == unique)),
            ("github", "label") => new(server.GitHub, "repos/acme/widget/labels", "POST /repos/:owner/:repo/labels", new { name = unique, color = "aabbcc" },
                () => server.GitHub.Labels("acme/widget").Count(l => l.Name == unique)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), $"{tracker} {target}"),
        };
    }
}
