using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Friendly text: nothing to rewrite, so it stays byte for byte (whitespace, escapes, layout).</summary>
internal static class StructureCases
{
    private const string C = "unchanged";

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "paragraphs", "First line\nsecond line.\n\nNext paragraph.", "First line\nsecond line.\n\nNext paragraph."),
        new(C, "lists and tasks", "- [ ] one\n- [x] two\n  1. nested", "- [ ] one\n- [x] two\n  1. nested"),
        new(C, "table", "| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |"),
        new(C, "emphasis and strikethrough", "*a* **b** ~~c~~ _d_", "*a* **b** ~~c~~ _d_"),
        new(C, "public links", "[docs](https://docs.example.com/x \"Docs\") and <https://example.org>", "[docs](https://docs.example.com/x \"Docs\") and <https://example.org>"),
        new(C, "code with at signs and references", "```js\nconst a = '@bob'; // #13\n```", "```js\nconst a = '@bob'; // #13\n```"),
        new(C, "percent and ampersand", "50% done & more, a < b > c", "50% done & more, a < b > c"),
        new(C, "backslash escapes stay", "\\*not emphasis\\* and 1\\. not a list", "\\*not emphasis\\* and 1\\. not a list"),
        new(C, "emoji shortcodes and unicode", ":+1: 👍 naïve café", ":+1: 👍 naïve café"),
        new(C, "public image", "![logo](https://example.com/logo.png)", "![logo](https://example.com/logo.png)"),
        new(C, "title of ordinary words", "Export fails for large projects", "Export fails for large projects", Field: CorpusField.Title),
        new(C, "ordinary comment on a GitHub target", "Confirmed on 2.3, thanks!", "Confirmed on 2.3, thanks!", Field: CorpusField.Comment, Target: TrackerKind.GitHub),
    ];
}
