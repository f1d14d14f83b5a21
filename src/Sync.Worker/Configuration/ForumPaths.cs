using Sync.Core.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>The shape of a forum's project path, per forum kind (see <see cref="TrackerKind"/>).</summary>
internal static class ForumPaths
{
    /// <summary>Null when <paramref name="path"/> fits <paramref name="kind"/>, else the one-line reason.</summary>
    public static string? Problem(TrackerKind kind, string path, string product)
    {
        var segments = path.Split('/');
        return kind switch
        {
            TrackerKind.GitHubDiscussions when segments.Length != 3 =>
                "is not '<forum>:<owner>/<repo>/<category-slug>' (the repository and the Discussions category of its ideas)",
            TrackerKind.Discourse when segments.Length is < 2 or > 3 || !string.Equals(segments[0], "c", StringComparison.Ordinal) =>
                "is not '<forum>:c/<category-slug>' (or 'c/<parent-slug>/<child-slug>' for a subcategory)",
            TrackerKind.CsvImport when !string.Equals(path, Trackers.CsvImport.CsvImports.ProjectOf(product).Path, StringComparison.OrdinalIgnoreCase) =>
                $"is not '{Trackers.CsvImport.CsvImports.ProjectOf(product)}' (the product's own CSV imports)",
            _ => null,
        };
    }
}
