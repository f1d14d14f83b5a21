using Sync.Core.Moving.Planning;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class MentionRewriterTests
{
    private static readonly MentionRewriter Rewriter = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice-public" });

    [Theory]
    [InlineData("ping @alice please", "ping @alice-public please")]
    [InlineData("ping @ALICE.", "ping @alice-public.")]
    [InlineData("ping @bob.", "ping `@bob`.")]
    [InlineData("team @acme/core-devs", "team `@acme/core-devs`")]
    [InlineData("mail bob@example.com", "mail bob@example.com")]
    [InlineData("code `@bob` stays", "code `@bob` stays")]
    [InlineData("```\n@bob\n```\n@bob", "```\n@bob\n```\n`@bob`")]
    [InlineData("(@carol_x)", "(`@carol_x`)")]
    public void Rewrite_MapsOrNeutralisesMentionsOutsideCode(string text, string expected)
    {
        Assert.Equal(expected, Rewriter.Rewrite(text));
    }
}
