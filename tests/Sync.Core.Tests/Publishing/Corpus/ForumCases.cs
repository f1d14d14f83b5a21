namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>
/// Hostile text from a feature forum (Discourse, another instance, moved under forum rules): its markup, its mentions,
/// links into the forum, and authors that are any text (a CSV file's, a forum's display name), which the attribution
/// header shows as plain words.
/// </summary>
internal static class ForumCases
{
    public const string WebRoot = "https://forum.acme.example/";
    public const string Category = "c/ideas";

    private const string C = "forum";
    private const CorpusSource F = CorpusSource.DiscourseForum;

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "author with a script tag", "Jane <script>alert(1)</script>", "Jane script alert 1 script", CorpusField.Author, Source: F),
        new(C, "author with a link", "[click](javascript:alert(1))", "click javascript alert 1", CorpusField.Author, Source: F),
        new(C, "author that mentions everyone", "@everyone", "everyone", CorpusField.Author, Source: F),
        new(C, "author in bold with an image", "**Boss** ![x](https://evil.example/p.png)", "Boss x https evil.example p.png", CorpusField.Author, Source: F),
        new(C, "author that is a token", TestSecrets.Ghp, "REDACTED", CorpusField.Author, Source: F),
        new(C, "author with an internal host", "ops@intra.acme.net", "ops internal host", CorpusField.Author, Source: F),
        new(C, "author with accents and an apostrophe", "José O'Neil-Smith", "José O'Neil-Smith", CorpusField.Author, Source: F),
        new(C, "mapped forum author", "alice", "alice-public", CorpusField.Author, Source: F),
        new(C, "author of only markup", "`]]>` <!-- -->", "someone", CorpusField.Author, Source: F),
        new(C, "forum mention", "thanks @bob for the idea", "thanks `@bob` for the idea", Source: F),
        new(C, "forum group mention", "@staff please look", "`@staff` please look", Source: F),
        new(C, "secret in a forum post", $"my key is {TestSecrets.Ghp}", "my key is [REDACTED]", Source: F),
    ];
}
