using System.Collections.Frozen;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.CsvImport;
using Sync.Worker.Trackers.Discourse;
using Sync.Worker.Trackers.GitHub;
using Sync.Worker.Trackers.GitHubDiscussions;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Trackers;

/// <summary>
/// The one place tracker kinds are enumerated. A new kind is a folder beside <c>GitLab/</c> and <c>GitHub/</c> with its
/// <see cref="ITrackerDialect"/> and client, plus one line here (and its value in <see cref="TrackerKind"/>).
/// </summary>
internal static class TrackerDialects
{
    public static readonly IReadOnlyList<ITrackerDialect> All =
    [
        new GitLabDialect(),
        new GitHubDialect(),
        new CsvImportDialect(),
        new DiscourseDialect(),
        new GitHubDiscussionsDialect(),
    ];

    /// <summary>The kinds a tracker can be configured with: all but the built-in ones (the <c>csv</c> tracker of CSV imports).</summary>
    public static IEnumerable<ITrackerDialect> Configurable => All.Where(d => d is not CsvImportDialect);

    private static readonly FrozenDictionary<TrackerKind, ITrackerDialect> ByKind = All.ToFrozenDictionary(d => d.Kind);

    /// <summary>The kinds' names as configuration spells them, for error messages ("GitLab or GitHub").</summary>
    public static string KindNames => string.Join(" or ", Configurable.Select(d => d.Kind.ToString()));

    /// <exception cref="ArgumentOutOfRangeException">No dialect is registered for <paramref name="kind"/>.</exception>
    public static ITrackerDialect For(TrackerKind kind) =>
        ByKind.TryGetValue(kind, out var dialect)
            ? dialect
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"No tracker dialect is registered for kind {kind}");

    /// <summary>Parses a configured kind (case-insensitive); false for a name no dialect speaks or a built-in kind.</summary>
    public static bool TryParse(string? text, out ITrackerDialect dialect)
    {
        dialect = null!;
        if (string.IsNullOrWhiteSpace(text) || !Enum.TryParse<TrackerKind>(text.Trim(), ignoreCase: true, out var kind))
        {
            return false;
        }

        if (ByKind.TryGetValue(kind, out var found) && found is not CsvImportDialect)
        {
            dialect = found;
            return true;
        }

        return false;
    }
}
