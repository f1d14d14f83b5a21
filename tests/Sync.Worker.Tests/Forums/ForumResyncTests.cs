using Sync.Core.Forums;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Worker.Jobs;

namespace Sync.Worker.Tests.Forums;

/// <summary>A maintainer's resync of a forum idea runs the move stage, as for a private source's issue.</summary>
public sealed class ForumResyncTests
{
    [Fact]
    public void ResyncStage_OfAForumIdea_IsTheMoveStage_AndOfAnotherForumNone()
    {
        var product = new ProductDefinition("widget", ProjectRef.Parse("github:acme/widget"), [])
        {
            Forums = [new SourceRule(ProjectRef.Parse("forum:c/ideas")) { Rules = new ForumRules() }],
        };

        Assert.Equal(PipelineStages.Move, ResyncStage.For(product, IssueRef.Parse("FORUM:c/Ideas#12")));
        Assert.Null(ResyncStage.For(product, IssueRef.Parse("forum:c/other#12")));
    }
}
