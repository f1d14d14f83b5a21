namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>
/// @mentions as GitLab and GitHub find them in rendered text: whatever renders as "@name" after a non-word character
/// (ASCII) pings. Mapped users are pinged on purpose (alice → alice-public); everyone else never.
/// </summary>
internal static class MentionCases
{
    private const string C = "mentions";

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "plain mention", "cc @bob please", "cc `@bob` please"),
        new(C, "mapped user", "thanks @alice", "thanks @alice-public"),
        new(C, "double at", "ping @@bob", "ping @`@bob`"),
        new(C, "backslash-escaped at", "ping \\@bob", "ping `@bob`"),
        new(C, "decimal entity", "ping &#64;bob", "ping `@bob`"),
        new(C, "hex entity", "ping &#x40;bob", "ping `@bob`"),
        new(C, "named entity", "ping &commat;bob", "ping `@bob`"),
        new(C, "after a dot", "ping.@bob", "ping.`@bob`"),
        new(C, "after a dash", "ping-@bob", "ping-`@bob`"),
        new(C, "after CJK text", "日本語@bob", "日本語`@bob`"),
        new(C, "e-mail address stays", "mail bob@example.com", "mail bob@example.com"),
        new(C, "trailing dot", "ask @bob.", "ask `@bob`."),
        new(C, "dotted username", "ask @bob.smith now", "ask `@bob.smith` now"),
        new(C, "group mention", "team @acme/security", "team `@acme/security`"),
        new(C, "everyone", "hey @all", "hey `@all`"),
        new(C, "numeric username", "ask @1234", "ask `@1234`"),
        new(C, "inside emphasis", "*@bob*", "*`@bob`*"),
        new(C, "inside link text", "[@bob](https://example.com)", "[`@bob`](https://example.com)"),
        new(C, "unbalanced backticks elsewhere", "a ` b @bob", "a ` b <code>@bob</code>"),
        new(C, "code span stays", "run `@bob` here", "run `@bob` here"),
        new(C, "code block stays", "```\n@bob\n```", "```\n@bob\n```"),
        new(C, "inline HTML around the mention", "<b>@bob</b>", "<b>`@bob`</b>"),
        new(C, "HTML block text", "<div>\n@bob and &#64;carol\n</div>", "<div>\n<code>@bob</code> and <code>@carol</code>\n</div>"),
        new(C, "HTML block code element stays", "<pre>\n@bob\n</pre>", "<pre>\n@bob\n</pre>"),
        new(C, "link title is no text", "[x](https://example.com \"@bob\")", "[x](https://example.com \"@bob\")"),
        new(C, "title: backticks do not protect a GitLab title", "Ask @bob about it", "Ask bob about it", Field: CorpusField.Title),
        new(C, "title: entity-encoded mention", "Ask &#64;bob", "Ask bob", Field: CorpusField.Title),
        new(C, "title: mapped user", "Thanks @alice", "Thanks @alice-public", Field: CorpusField.Title),
        new(C, "mention in a comment", "@bob can you look?", "`@bob` can you look?", Field: CorpusField.Comment),
        new(C, "mention in a label description", "Owned by @bob", "Owned by bob", Field: CorpusField.LabelDescription),
        new(C, "lone at sign stays", "meet @ 5pm", "meet @ 5pm"),
    ];
}
