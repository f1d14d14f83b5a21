namespace Sync.Sandbox;

/// <summary>
/// The hand-made issues of the demo seed that show what IssueSync does, by number, so the demo and tests can name them.
/// Dev issues live in <c>gitlab-dev</c> <see cref="DevProject"/>, the duplicate pair in <c>github</c> <see cref="GitHubProject"/>.
/// </summary>
public sealed record SandboxDemoIssues(int Planned, int Later, int NeedsInput, int Sensitive, int FailingMove, int Canonical, int Duplicate)
{
    public const string DevProject = "acme/widget";
    public const string GitHubProject = "acme/widget";

    /// <summary>The Discussions category of <see cref="GitHubProject"/> that is the widget's feature forum.</summary>
    public const string ForumCategory = "ideas";

    /// <summary>What the sensitive issue's text carries that must never reach a public tracker.</summary>
    public const string SensitiveToken = "glpat-Demo7Fake9Token2Xy4Q";
    public const string InternalHost = "corp.acme.example";
    public const string PrivatePath = "/srv/acme-private/";

    public const string FailingMoveMessage = "Note could not be saved: the issue was being edited by another request (demo fault: a maintainer's Retry completes the move)";

    /// <summary>
    /// The failing move's fault: the first "Moved to …" notice IssueSync posts on the dev issue is refused with a 422
    /// (a tracker error a retry cannot fix), once; the public copy is made, the move stops at its notice step.
    /// </summary>
    public SandboxFault FailingMoveFault => new(
        SandboxFaultKind.Refused,
        Count: 1,
        Status: 422,
        Method: "POST",
        Endpoint: "POST /projects/:id/issues/:iid/notes",
        PathContains: $"/projects/{Uri.EscapeDataString(DevProject)}/issues/{FailingMove}/notes",
        Message: FailingMoveMessage);

    /// <summary>"dev:acme/widget#N" as the demo configuration names the dev tracker.</summary>
    public static string DevRef(int number) => $"dev:{DevProject}#{number}";
}
