namespace Sync.Core.Trackers;

/// <summary>
/// The port every capability uses to talk to one configured tracker (a GitLab instance or GitHub).
/// Implementations share one mechanism for paging, rate limits, retries and request accounting.
/// </summary>
public interface ITrackerClient
{
    /// <summary>The configured tracker name (the part before ':' in a project reference).</summary>
    string Name { get; }

    TrackerKind Kind { get; }

    /// <summary>The user the token authenticates as.</summary>
    Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken);

    /// <summary>Lists issues of a project (never pull requests), every page, at 100 per page.</summary>
    IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken);

    Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken);
}

/// <summary>Finds the client of a configured tracker by name.</summary>
public interface ITrackerRegistry
{
    IReadOnlyCollection<string> Names { get; }

    /// <exception cref="KeyNotFoundException">No tracker of that name is configured.</exception>
    ITrackerClient Get(string name);
}
