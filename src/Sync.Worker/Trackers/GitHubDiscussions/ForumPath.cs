using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHubDiscussions;

/// <summary>A Discussions forum's project path, <c>&lt;owner&gt;/&lt;repo&gt;/&lt;category-slug&gt;</c>.</summary>
internal sealed record ForumPath(string Owner, string Repository, string Category)
{
    public string RepositoryPath => $"{Owner}/{Repository}";

    public static ForumPath Parse(string trackerName, string projectPath)
    {
        var parts = (projectPath ?? string.Empty).Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? new ForumPath(parts[0], parts[1], parts[2])
            : throw new TrackerValidationException(
                trackerName,
                400,
                $"'{projectPath}' is not a GitHub Discussions forum path; expected <owner>/<repo>/<category-slug>, e.g. acme/app/ideas");
    }
}
