namespace Sync.Worker.Trackers;

/// <summary>
/// A tracker client that noticed, while working, a configuration only an operator can fix (a token without push access
/// to a repository, say). Shown by the health check <c>tracker-config:&lt;name&gt;</c> as Degraded.
/// </summary>
internal interface ITrackerConfigurationProblems
{
    /// <summary>One line per problem (one per repository at most), in a stable order; empty when there is none.</summary>
    IReadOnlyList<string> ConfigurationProblems { get; }
}
