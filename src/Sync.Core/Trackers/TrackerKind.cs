namespace Sync.Core.Trackers;

/// <summary>The tracker products IssueSync speaks to.</summary>
public enum TrackerKind
{
    GitLab,
    GitHub,

    /// <summary>
    /// A feature forum in GitHub Discussions (GraphQL), read as a source only: project path
    /// <c>&lt;owner&gt;/&lt;repo&gt;/&lt;category-slug&gt;</c>, an idea's number is the discussion's number.
    /// </summary>
    GitHubDiscussions,

    /// <summary>
    /// A feature forum on Discourse (REST, <c>Api-Key</c>/<c>Api-Username</c>), read as a source only: project path
    /// <c>c/&lt;category-slug&gt;</c>, an idea's number is the topic id.
    /// </summary>
    Discourse,

    /// <summary>
    /// Ideas imported from a CSV export (Canny, UserVoice, Fider), kept in IssueSync's own store: project path
    /// <c>&lt;product&gt;/import</c>, an idea's number is assigned at import.
    /// </summary>
    CsvImport,
}
