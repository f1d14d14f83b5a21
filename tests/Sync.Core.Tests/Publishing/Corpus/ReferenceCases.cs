using Sync.Core.Trackers;
using static Sync.Core.Tests.Publishing.Corpus.AdversarialCorpusTests;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Short references as the trackers link them in rendered text: to the source (moved or not), to other private projects, to public ones.</summary>
internal static class ReferenceCases
{
    private const string C = "references";
    private const TrackerKind GitHub = TrackerKind.GitHub;

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "moved issue", "Duplicate of #12.", $"Duplicate of [#12]({MovedGitLab})."),
        new(C, "moved issue on a GitHub target", "Duplicate of #12.", $"Duplicate of [#12]({MovedGitHub}).", Target: GitHub),
        new(C, "unmoved issue", "blocked by #13", "blocked by dev issue 13"),
        new(C, "unmoved issue with the source path", "see acme/widget-dev#13", "see dev issue 13"),
        new(C, "GitHub-style GH- reference", "see GH-13", "see dev issue 13"),
        new(C, "merge request of the source", "fixed in !5", "fixed in dev merge request 5"),
        new(C, "merge request with the source path", "fixed in acme/widget-dev!5", "fixed in dev merge request 5"),
        new(C, "issue of another private project", "like acme/ops#4", "like a private issue"),
        new(C, "merge request of another private project", "see ops/infra!7", "see a private merge request"),
        new(C, "a well-known path on a private instance is still private", "upstream gitlab-org/gitlab#1", "upstream a private issue"),
        new(C, "colour codes stay", "color: #fff; and #abc123", "color: #fff; and #abc123"),
        new(C, "heading stays", "# Heading\n\ntext", "# Heading\n\ntext"),
        new(C, "reference inside code stays", "`#13` and\n\n```\nfix #13\n```", "`#13` and\n\n```\nfix #13\n```"),
        new(C, "entity-encoded hash is a reference", "see &#35;13", "see dev issue 13"),
        new(C, "backslash-escaped hash is a reference", "see \\#13", "see dev issue 13"),
        new(C, "word-glued hash is not a reference", "issue a#13 and C#", "issue a#13 and C#"),
        new(C, "parenthesised and punctuated", "(#13).", "(dev issue 13)."),
        new(C, "reference in link text stays with its public link", "[#13](https://example.com/a)", "[#13](https://example.com/a)"),
        new(C, "source issue URL of a moved issue", "see http://dev.example/acme/widget-dev/-/issues/12#note_5", $"see {MovedGitLab}"),
        new(C, "source issue link of an unmoved issue", "[that bug](http://dev.example/acme/widget-dev/-/issues/13)", "that bug (dev issue 13)"),
        new(C, "work item URL", "http://dev.example/acme/widget-dev/-/work_items/13", "dev issue 13"),
        new(C, "moved issue link keeps its text", "[that bug](http://dev.example/acme/widget-dev/-/issues/12)", $"[that bug]({MovedGitLab})"),
        new(C, "reference in a title", "Follow-up to #12 and !3", "Follow-up to dev issue 12 and dev merge request 3", Field: CorpusField.Title),
        new(C, "reference to another private project in a title", "Port acme/ops#4", "Port a private issue", Field: CorpusField.Title),
        new(C, "GitHub source: public repo reference to a GitLab target is spelled out", "see dotnet/runtime#5", "see [dotnet/runtime#5](https://github.com/dotnet/runtime/issues/5)", Source: CorpusSource.GitHubPrivate),
        new(C, "GitHub source: public repo reference to a GitHub target stays", "see dotnet/runtime#5", "see dotnet/runtime#5", Target: GitHub, Source: CorpusSource.GitHubPrivate),
        new(C, "GitHub source: private repo of the same org", "see acme/secret-ops#5", "see a private issue", Target: GitHub, Source: CorpusSource.GitHubPrivate),
    ];
}
