using Sync.Core.Moving.Planning;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class ReferenceRewriterTests
{
    private const string Public = "https://gitlab.com/acme/widget/-/issues/40";

    private static readonly ReferenceRewriter Rewriter = new(
        new SourceLinks(PlanningFixtures.SourceWebUrl),
        PlanningFixtures.SourcePath,
        new Dictionary<long, string> { [12] = Public });

    [Theory]
    [InlineData("see #12", $"see [#12]({Public})")]
    [InlineData("see acme/widget-dev#12", $"see [#12]({Public})")]
    [InlineData("see http://dev.example/acme/widget-dev/-/issues/12", $"see {Public}")]
    [InlineData("see https://dev.example/acme/widget-dev/-/issues/12#note_5", $"see {Public}")]
    [InlineData("see [that](http://dev.example/acme/widget-dev/-/issues/12)", $"see [that]({Public})")]
    [InlineData("see #13", "see dev issue 13")]
    [InlineData("see acme/widget-dev#13", "see dev issue 13")]
    [InlineData("see http://dev.example/acme/widget-dev/-/issues/13", "see dev issue 13")]
    [InlineData("see [that](http://dev.example/acme/widget-dev/-/issues/13)", "see that (dev issue 13)")]
    [InlineData("see [#13](http://dev.example/acme/widget-dev/-/issues/13)", "see dev issue 13")]
    public void Rewrite_SameProjectReferences_PointPublicOrBecomePlainText(string text, string expected)
    {
        Assert.Equal(expected, Rewriter.Rewrite(text));
    }

    [Theory]
    [InlineData("other/project#12")]
    [InlineData("https://gitlab.com/other/project/-/issues/12")]
    [InlineData("`#12` in code")]
    [InlineData("```\nfix #12\n```")]
    [InlineData("# Heading\n## Sub")]
    [InlineData("color: #fff; and #abc123")]
    [InlineData("entity &#123;")]
    [InlineData("http://example.com/page#12")]
    public void Rewrite_LeavesOtherProjectsCodeHeadingsAndColoursAlone(string text)
    {
        Assert.Equal(text, Rewriter.Rewrite(text));
    }

    [Fact]
    public void RewritePlain_MovedReference_StaysPlainTextForTitles()
    {
        Assert.Equal("Follow-up to dev issue 12", Rewriter.RewritePlain("Follow-up to #12"));
    }

    [Fact]
    public void Rewrite_GitHubStyleIssueUrl_IsRecognised()
    {
        var github = new ReferenceRewriter(new SourceLinks("https://github.com/acme/widget-dev"), "acme/widget-dev", new Dictionary<long, string>());

        Assert.Equal("see dev issue 4", github.Rewrite("see https://github.com/acme/widget-dev/issues/4"));
    }

    [Fact]
    public void Rewrite_FullSourceUrlQuotedInCode_IsStillRewritten()
    {
        Assert.Equal("`dev issue 13`", Rewriter.Rewrite("`http://dev.example/acme/widget-dev/-/issues/13`"));
    }
}
