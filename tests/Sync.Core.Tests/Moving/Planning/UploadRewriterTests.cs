using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class UploadRewriterTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Rewrite_GitLabTarget_SameFileTwice_GetsOneToken()
    {
        var rewriter = new UploadRewriter(new SourceLinks(PlanningFixtures.SourceWebUrl), TrackerKind.GitLab);

        var body = rewriter.Rewrite($"![shot](/uploads/{Secret}/screen.png) and [again]({PlanningFixtures.SourceWebUrl}/uploads/{Secret}/screen.png)");
        var comment = rewriter.Rewrite($"[log](/uploads/{Secret}/my%20log.txt)");

        Assert.Equal("![shot](issuesync-upload-1) and [again](issuesync-upload-1)", body);
        Assert.Equal("[log](issuesync-upload-2)", comment);
        Assert.Equal(
            [
                new PlannedUpload($"/uploads/{Secret}/screen.png", "screen.png", "issuesync-upload-1"),
                new PlannedUpload($"/uploads/{Secret}/my%20log.txt", "my log.txt", "issuesync-upload-2"),
            ],
            rewriter.Uploads);
    }

    [Fact]
    public void Rewrite_GitHubTarget_ReplacesWholeLinkWithPlaceholderAndPlansNothing()
    {
        var rewriter = new UploadRewriter(new SourceLinks(PlanningFixtures.SourceWebUrl), TrackerKind.GitHub);

        var text = rewriter.Rewrite($"look ![shot](/uploads/{Secret}/screen.png) and /uploads/{Secret}/trace.log");

        Assert.Equal("look *[attachment not copied: screen.png]* and *[attachment not copied: trace.log]*", text);
        Assert.Empty(rewriter.Uploads);
    }

    [Fact]
    public void Rewrite_UploadQuotedInCode_StillLosesTheSecretPath()
    {
        var rewriter = new UploadRewriter(new SourceLinks(PlanningFixtures.SourceWebUrl), TrackerKind.GitHub);

        var text = rewriter.Rewrite($"```\n{PlanningFixtures.SourceWebUrl}/uploads/{Secret}/a.png\n```");

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }
}
