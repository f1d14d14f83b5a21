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

    /// <summary>
    /// GitLab's feature flag <c>rate_limiting_headers_for_unthrottled_requests</c> (off by default, GitLab 18.6): when on,
    /// answers that were not throttled carry <c>RateLimit-*</c> too. Off, only a throttled 429 carries them.
    /// </summary>
    public bool GitLabHeadersOnUnthrottled { get; set; }

    /// <summary>
    /// GitLab's API throttle answers 429 with neither <c>RateLimit-*</c> nor <c>Retry-After</c>, as gitlab.com has been
    /// reported to do (gitlab-org/gitlab#365728, GraphQL #352409). Off, the 429 carries GitLab's throttled headers.
    /// </summary>
    public bool GitLabBare429 { get; set; }

    /// <summary>Whether the secondary-limit answer carries retry-after (GitHub sometimes omits it).</summary>
    public bool GitHubSecondaryRetryAfter { get; set; } = true;

    /// <summary>How GitHub bodies are measured against their limit: each reading that has evidence can be tried.</summary>
    public GitHub.GitHubBodyCount GitHubBodyCount { get; set; } = GitHub.GitHubBodyCount.CodePoints;
}
