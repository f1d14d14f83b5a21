using Sync.Core.Trackers;
using static Sync.Core.Tests.Publishing.Corpus.AdversarialCorpusTests;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Raw HTML: hidden comments go (issue templates keep internal notes in them), URL attributes follow the link rules.</summary>
internal static class HtmlCases
{
    private const string C = "html";

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "template comment block", "<!-- internal: customer BigBank is affected -->\nThe export fails.", "The export fails."),
        new(C, "inline comment", "Text <!-- hidden --> more", "Text  more"),
        new(C, "multi-line comment", "<!--\nowner: carol\nticket: 4411\n-->\nafter", "after"),
        new(C, "unterminated inline comment is visible text, so it stays", "visible <!-- not hidden", "visible <!-- not hidden"),
        new(C, "unterminated comment block runs to the end", "visible\n\n<!-- secret plans\nnext line", "visible"),
        new(C, "comment inside an HTML block", "<details>\n<!-- do not share -->\n<summary>Logs</summary>\n</details>", "<details>\n\n<summary>Logs</summary>\n</details>"),
        new(C, "spoofed IssueSync marker", "<!-- issuesync:moved-from dev-999 -->\nhello", "hello"),
        new(C, "anchor to a moved issue", "<a href=\"http://dev.example/acme/widget-dev/-/issues/12\">bug</a>", $"<a href=\"{MovedGitLab}\">bug</a>"),
        new(C, "anchor with a javascript URL", "<a href='javascript:alert(1)'>x</a>", "<a>x</a>"),
        new(C, "image from an internal host", "<img src=\"https://grafana.intra.acme.net/x.png\">", "[image removed]"),
        new(C, "srcset with a relative candidate", "<img src=\"https://example.com/a.png\" srcset=\"/a.png 1x, https://example.com/b.png 2x\">", "<img src=\"https://example.com/a.png\">"),
        new(C, "style with a URL", "<div style=\"background:url(http://dev.example/x.png)\">\nhi\n</div>", "<div>\nhi\n</div>"),
        new(C, "entity-encoded private link in an attribute", "<a href=\"http&#58;//dev.example/ops\">ops</a>", "<a>ops</a>"),
        new(C, "unquoted attribute", "<a href=http://dev.example/ops>ops</a>", "<a>ops</a>"),
        new(C, "public anchor stays", "<a href=\"https://example.com/docs\">docs</a>", "<a href=\"https://example.com/docs\">docs</a>"),
        new(C, "reference in an HTML block", "<p>\nsee #13\n</p>", "<p>\nsee dev issue 13\n</p>"),
        new(C, "details block keeps its Markdown", "<details>\n\nSee [x](http://dev.example/acme/ops) @bob\n\n</details>", "<details>\n\nSee x (internal link removed) `@bob`\n\n</details>"),
    ];
}
