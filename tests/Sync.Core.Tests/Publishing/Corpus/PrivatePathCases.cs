using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Links and paths into private places: the source project, the rest of a self-hosted source instance, a private namespace on a shared host, relative links, clone URLs.</summary>
internal static class PrivatePathCases
{
    private const string C = "private-paths";
    private const TrackerKind GitHub = TrackerKind.GitHub;
    private const CorpusSource Gh = CorpusSource.GitHubPrivate;

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "wiki of the source project", "[runbook](http://dev.example/acme/widget-dev/-/wikis/home)", "runbook (internal link removed)"),
        new(C, "snippet of another project on the private instance", "see http://dev.example/acme/other/-/snippets/3", "see \\[internal link removed\\]"),
        new(C, "merge request autolink", "<http://dev.example/acme/widget-dev/-/merge_requests/3>", "\\[internal link removed\\]"),
        new(C, "another repository on the private instance", "[infra](https://dev.example/ops/infra/-/blob/main/prod.tf)", "infra (internal link removed)"),
        new(C, "relative link up the tree", "[setup](../wikis/setup)", "setup (internal link removed)"),
        new(C, "root-relative link to another private project", "[x](/acme/secret-ops/-/blob/main/x.yml)", "x (internal link removed)"),
        new(C, "bare relative link", "[home](wikis/home)", "home (internal link removed)"),
        new(C, "anchor link stays", "[see below](#details)", "[see below](#details)"),
        new(C, "mailto an internal address", "[mail ops](mailto:ops@intra.acme.net)", "mail ops (internal link removed)"),
        new(C, "javascript link", "[click](javascript:alert(1))", "click (internal link removed)"),
        new(C, "data URL image", "![x](data:image/png;base64,iVBORw0KGgo=)", "*\\[image removed\\]*"),
        new(C, "reference-style private link and its definition", "[the runbook][rb] says so\n\n[rb]: http://dev.example/acme/ops/-/wikis/rb", "the runbook (internal link removed) says so"),
        new(C, "clone URL over ssh", "git clone git@dev.example:acme/widget-dev.git", "git clone [private link removed]"),
        new(C, "clone URL of another project with a port", "ssh://git@dev.example:2222/acme/ops.git", "[internal link removed]"),
        new(C, "public target link stays", "dup of https://gitlab.com/acme/widget/-/issues/3", "dup of https://gitlab.com/acme/widget/-/issues/3"),
        new(C, "public upstream link stays", "see https://github.com/dotnet/runtime/issues/1", "see https://github.com/dotnet/runtime/issues/1"),
        new(C, "www autolink to an internal host", "www.intra.acme.net/dashboards", "\\[internal link removed\\]"),
        new(C, "internal host in a Markdown link", "[grafana](https://grafana.intra.acme.net/d/x?from=now-1h)", "grafana (internal link removed)"),
        new(C, "bare internal host name", "ssh to build01.intra.acme.net and check", "ssh to [internal host] and check"),
        new(C, "upper-case private host", "[x](HTTP://DEV.EXAMPLE/Acme/Widget-Dev/-/tree/main)", "x (internal link removed)"),
        new(C, "explicit default port", "http://dev.example:80/acme/widget-dev/-/issues/13", "dev issue 13"),
        new(C, "issue URL with a query is not an issue link", "http://dev.example/acme/widget-dev/-/issues/13?x=1", "\\[internal link removed\\]"),
        new(C, "link title kept out with the link", "[a](http://dev.example/x \"internal doc\")", "a (internal link removed)"),
        new(C, "email autolink of an internal domain", "<ops@intra.acme.net>", "\\[internal link removed\\]"),
        new(C, "HTML anchor to a private page keeps its text", "<a href=\"http://dev.example/ops\">ops page</a>", "<a>ops page</a>"),
        new(C, "private link in a label description", "See http://dev.example/acme/widget-dev/-/labels", "See [internal link removed]", Field: CorpusField.LabelDescription),
        new(C, "private link in a title", "Broken since http://dev.example/acme/ops/-/merge_requests/9", "Broken since [internal link removed]", Field: CorpusField.Title),
        new(C, "GitHub source: another repo of the private org", "see https://github.com/acme/secret-ops/blob/main/x.tf", "see \\[internal link removed\\]", Target: GitHub, Source: Gh),
        new(C, "GitHub source: the public target stays", "see https://github.com/acme/widget/issues/3", "see https://github.com/acme/widget/issues/3", Target: GitHub, Source: Gh),
        new(C, "GitHub source: a configured public repo stays", "see https://github.com/acme/sdk/pull/9", "see https://github.com/acme/sdk/pull/9", Target: GitHub, Source: Gh),
        new(C, "GitHub source: the API host of a private repo", "curl https://api.github.com/repos/acme/secret-ops/contents/x", "curl \\[internal link removed\\]", Target: GitHub, Source: Gh),
        new(C, "GitHub source: raw file of a private repo", "[x](https://raw.githubusercontent.com/acme/secret-ops/main/a.sh)", "x (internal link removed)", Target: GitHub, Source: Gh),
        new(C, "GitHub source: other orgs stay", "see https://github.com/dotnet/runtime", "see https://github.com/dotnet/runtime", Target: GitHub, Source: Gh),
        new(C, "GitHub source: clone URL of a private repo", "git clone git@github.com:acme/secret-ops.git", "git clone [private link removed]", Target: GitHub, Source: Gh),
        new(C, "GitHub source: the source repo itself", "[x](https://github.com/acme/widget-private/blob/main/README.md)", "x (internal link removed)", Target: GitHub, Source: Gh),
    ];
}
