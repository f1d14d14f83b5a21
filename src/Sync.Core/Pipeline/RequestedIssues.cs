using System.Globalization;
using Sync.Core.Trackers;

namespace Sync.Core.Pipeline;

/// <summary>How a step reports the issues its run was asked about (<see cref="PipelineContext.RequestedIssues"/>).</summary>
public static class RequestedIssues
{
    /// <summary>The metric a step reports them under, when there are any.</summary>
    public const string Metric = "requested";

    private const int Shown = 10;

    /// <summary>The requested issues in <paramref name="projects"/>, by project then number.</summary>
    public static IReadOnlyList<IssueRef> In(PipelineContext context, IEnumerable<ProjectRef> projects)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wanted = projects.ToList();

        // Tracker names and project paths are case-insensitive; a maintainer may type either case.
        return [.. context.RequestedIssues
            .Where(i => wanted.Any(p => string.Equals(p.Tracker, i.Project.Tracker, StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Path, i.Project.Path, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => i.Project.ToString(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Number)];
    }

    /// <summary>One summary line naming the first few.</summary>
    public static string Line(IReadOnlyList<IssueRef> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var named = string.Join(", ", issues.Take(Shown));
        var more = issues.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $" and {issues.Count - Shown} more") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"asked about {issues.Count} issue(s): {named}{more}");
    }
}
