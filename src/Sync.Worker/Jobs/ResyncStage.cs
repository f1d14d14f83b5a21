using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;

namespace Sync.Worker.Jobs;

/// <summary>
/// Which stage picks up a change to one issue. The steps list incrementally, so running the issue's stage is enough:
/// an issue in a private source (or an idea of a forum) may now qualify to move; a public issue's votes (and, with RICE, its score) may change.
/// </summary>
internal static class ResyncStage
{
    /// <summary>The stage, or null when the issue is in none of the product's projects.</summary>
    public static string? For(ProductDefinition product, IssueRef issue)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(issue);
        if (product.MoveSources.Any(s => SameProject(s.Project, issue.Project)))
        {
            return PipelineStages.Move;
        }

        if (SameProject(product.Public, issue.Project))
        {
            return PipelineStages.RiceStage.IsEnabled(product) ? PipelineStages.Rice : PipelineStages.Votes;
        }

        return null;
    }

    // Tracker names and project paths are case-insensitive on both GitLab and GitHub.
    private static bool SameProject(ProjectRef a, ProjectRef b) =>
        string.Equals(a.Tracker, b.Tracker, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Path, b.Path, StringComparison.OrdinalIgnoreCase);
}
