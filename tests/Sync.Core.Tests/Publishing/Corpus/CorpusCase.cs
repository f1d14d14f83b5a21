using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Which public string of a plan a case looks at.</summary>
public enum CorpusField
{
    Body,
    Comment,
    Title,
    LabelDescription,
    Milestone,

    /// <summary>The author's name in the attribution header (a forum's or a CSV file's author may be any text).</summary>
    Author,
}

/// <summary>Where the copied text comes from: a self-hosted GitLab (its whole instance is private), or a private GitHub repository (its namespace is).</summary>
public enum CorpusSource
{
    DevGitLab,
    GitHubPrivate,

    /// <summary>A feature forum on Discourse, another instance (so private by the default scope), moved under forum rules.</summary>
    DiscourseForum,
}

/// <summary>
/// One adversarial input and the exact public text it must become. In <see cref="Expected"/>, <c>{u1}</c>, <c>{u2}</c>
/// stand for the planner's upload placeholders; null <see cref="Expected"/> means the field is left out entirely.
/// </summary>
public sealed record CorpusCase(
    string Class,
    string Name,
    string Input,
    string? Expected,
    CorpusField Field = CorpusField.Body,
    TrackerKind Target = TrackerKind.GitLab,
    CorpusSource Source = CorpusSource.DevGitLab)
{
    public override string ToString() => $"{Class}: {Name}";
}
