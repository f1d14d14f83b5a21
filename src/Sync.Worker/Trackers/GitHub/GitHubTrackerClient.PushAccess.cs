using System.Collections.Concurrent;
using Octokit;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// GitHub drops labels, milestone and assignees without an error when the token lacks push access to the repository
/// (REST "Create an issue" / "Update an issue"). The issue itself is written, so the write stands (labels are
/// best-effort: the copy is there, votes and roadmap still work); what was dropped is read back from the answer and
/// reported as a configuration error once per repository (an error with an event id and a health status), since every
/// later issue of that repository would say the same; a later write of that repository that keeps them clears it.
/// </summary>
internal sealed partial class GitHubTrackerClient : ITrackerConfigurationProblems
{
    private readonly ConcurrentDictionary<string, string> _dropped = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IReadOnlyList<string> ConfigurationProblems => [.. _dropped.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Value)];

    private void CheckNotDropped(string projectPath, string resource, IReadOnlyList<string>? labels, long? milestone, Issue answered)
    {
        var kept = answered.Labels?.Select(l => l.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var missing = (labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l) && !kept.Contains(l)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var milestoneDropped = milestone is { } m && answered.Milestone?.Number != m;
        if (missing.Count == 0 && !milestoneDropped)
        {
            // Asked for and kept: push access was granted since (or never lacked); the problem is over.
            if ((labels is { Count: > 0 } || milestone is not null) && _dropped.TryRemove(projectPath.Trim('/'), out _))
            {
                GitHubLog.WritesKeptAgain(logger, Name, projectPath);
            }

            return;
        }

        var what = string.Join(" and ", new[]
        {
            missing.Count > 0 ? $"label(s) {string.Join(", ", missing.Select(l => $"'{l}'"))}" : null,
            milestoneDropped ? $"milestone {milestone}" : null,
        }.OfType<string>());
        var problem = $"GitHub dropped the {what} IssueSync set on {resource} without an error: the token of tracker '{Name}' "
            + $"lacks push (write) access to {projectPath}; grant it, or labels and milestones stay off its issues";
        if (_dropped.TryAdd(projectPath.Trim('/'), problem))
        {
            GitHubLog.WritesDropped(logger, Name, projectPath, problem);
        }
        else
        {
            GitHubLog.WritesDroppedAgain(logger, Name, resource, what);
        }
    }
}
