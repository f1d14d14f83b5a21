using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>Discourse requests are accounted under the shared endpoint kinds, so budgets and metrics read alike.</summary>
public sealed class DiscourseEndpointKindsTests
{
    [Theory]
    [InlineData("GET", "/forum/session/current.json", "user")]
    [InlineData("GET", "/forum/categories.json", "categories.list")]
    [InlineData("GET", "/forum/c/ideas/5/l/latest.json", "issues.list")]
    [InlineData("GET", "/forum/c/parent/ideas/6/l/latest.json", "issues.list")]
    [InlineData("GET", "/forum/t/101.json", "issues.get")]
    [InlineData("PUT", "/forum/t/101/status", "issues.edit")]
    [InlineData("GET", "/forum/t/101/posts.json", "notes.list")]
    [InlineData("GET", "/forum/posts/1001.json", "notes.get")]
    [InlineData("POST", "/forum/posts.json", "notes.create")]
    [InlineData("GET", "/forum/voting/who", "reactions.list")]
    public void DiscourseRoutes_AreClassifiedLikeTheOtherTrackers(string method, string path, string kind) =>
        Assert.Equal(kind, EndpointKinds.Classify(method, path, "/forum/"));
}
