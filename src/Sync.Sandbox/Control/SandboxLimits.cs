namespace Sync.Sandbox;

/// <summary>Rate-limit knobs; defaults are the documented GitLab.com and GitHub values.</summary>
public sealed class SandboxLimits
{
    public int GitLabPerMinute { get; set; } = 2000;
    public int GitLabIssueCreatesPerMinute { get; set; } = 200;
    public int GitLabNoteCreatesPerMinute { get; set; } = 60;
    public int GitHubPerHour { get; set; } = 5000;
    public int GitHubContentCreatesPerMinute { get; set; } = 80;
    public int GitHubContentCreatesPerHour { get; set; } = 500;

    /// <summary>GitHub answers secondary limits with 403 or 429.</summary>
    public int GitHubSecondaryStatus { get; set; } = 403;

    /// <summary>Whether the secondary-limit answer carries retry-after (GitHub sometimes omits it).</summary>
    public bool GitHubSecondaryRetryAfter { get; set; } = true;

    /// <summary>How GitHub bodies are measured against their limit: each reading that has evidence can be tried.</summary>
    public GitHub.GitHubBodyCount GitHubBodyCount { get; set; } = GitHub.GitHubBodyCount.CodePoints;
}
