namespace Sync.Sandbox;

/// <summary>
/// The content-creation ceilings of each tracker (GitLab.com: issue creation 200/min, note creation 60/min;
/// GitHub: 80 content-generating requests per minute and 500 per hour), with limits read from <see cref="SandboxLimits"/>.
/// </summary>
internal static class WriteCeilings
{
    internal sealed record Rule(SandboxWriteKind Kind, TimeSpan Window, Func<SandboxLimits, int> Limit);

    private static readonly Rule[] GitLab =
    [
        new(SandboxWriteKind.GitLabIssueCreate, TimeSpan.FromMinutes(1), l => l.GitLabIssueCreatesPerMinute),
        new(SandboxWriteKind.GitLabNoteCreate, TimeSpan.FromMinutes(1), l => l.GitLabNoteCreatesPerMinute),
    ];

    private static readonly Rule[] GitHub =
    [
        new(SandboxWriteKind.GitHubContent, TimeSpan.FromMinutes(1), l => l.GitHubContentCreatesPerMinute),
        new(SandboxWriteKind.GitHubContent, TimeSpan.FromHours(1), l => l.GitHubContentCreatesPerHour),
    ];

    public static IReadOnlyList<Rule> For(string trackerKind) => trackerKind == TrackerKinds.GitHub ? GitHub : GitLab;
}
