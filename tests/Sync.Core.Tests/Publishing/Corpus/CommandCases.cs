namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Copied text never runs a command: no public line starts, after at most three spaces, with '/' and a letter.</summary>
internal static class CommandCases
{
    private const string C = "quick-actions";

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "close on its own line", "/close", "\\/close"),
        new(C, "label with an argument", "/label ~bug ~\"needs info\"", "\\/label ~bug ~\"needs info\""),
        new(C, "command between prose lines", "text\n/confidential\nmore", "text\n\\/confidential\nmore"),
        new(C, "upper case", "/CLOSE", "\\/CLOSE"),
        new(C, "leading spaces", "   /move acme/other", "   \\/move acme/other"),
        new(C, "lazy continuation of a quote", "> quoted\n/close", "> quoted\n\\/close"),
        new(C, "quoted command stays", "> /close", "> /close"),
        new(C, "list item stays", "- /close", "- /close"),
        new(C, "list continuation line", "- item\n  /assign @bob", "- item\n  \\/assign `@bob`"),
        new(C, "backtick fence becomes indented code", "```\n/close\n```", "    /close"),
        new(C, "tilde fence becomes indented code", "text\n\n~~~\n/close\n~~~", "text\n\n    /close"),
        new(C, "fence after a paragraph gets its blank line", "text\n```sh\n/close\necho hi\n```", "text\n\n    /close\n    echo hi"),
        new(C, "unterminated fence", "```\n/close", "    /close"),
        new(C, "HTML block line", "<div>\n/close\n</div>", "<div>\n&#47;close\n</div>"),
        new(C, "table row", "a | b\n--|--\n/close | x", "a | b\n--|--\n\\/close | x"),
        new(C, "path at a line start is escaped harmlessly", "/usr/bin/env is missing", "\\/usr/bin/env is missing"),
        new(C, "slash and digit is no command", "/1 of 3", "/1 of 3"),
        new(C, "slash mid-line is no command", "and/or /close", "and/or /close"),
        new(C, "indented code stays", "    /close", "    /close"),
        new(C, "GitHub bot command in a comment", "/assign @bob\n/lgtm", "\\/assign `@bob`\n\\/lgtm", Field: CorpusField.Comment),
        new(C, "title is never a command", "/close this", "/close this", Field: CorpusField.Title),
    ];
}
