using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers;

public sealed class EndpointKindsTests
{
    [Theory]
    // GitLab v4 under a prefixed root
    [InlineData("GET", "/gitlab-dev/api/v4/user", "/gitlab-dev/api/v4/", "user")]
    [InlineData("GET", "/gitlab-dev/api/v4/projects/acme%2Fwidget/issues", "/gitlab-dev/api/v4/", "issues.list")]
    [InlineData("GET", "/api/v4/projects/acme%2Fwidget/issues/41", "/api/v4/", "issues.get")]
    [InlineData("POST", "/api/v4/projects/acme%2Fwidget/issues", "/api/v4/", "issues.create")]
    [InlineData("PUT", "/api/v4/projects/4/issues/41", "/api/v4/", "issues.edit")]
    [InlineData("GET", "/api/v4/projects/4/issues/41/notes", "/api/v4/", "notes.list")]
    [InlineData("POST", "/api/v4/projects/4/issues/41/notes", "/api/v4/", "notes.create")]
    [InlineData("GET", "/api/v4/projects/4/issues/41/award_emoji", "/api/v4/", "reactions.list")]
    [InlineData("GET", "/api/v4/projects/4/issues/41/notes/9/award_emoji", "/api/v4/", "reactions.list")]
    [InlineData("GET", "/api/v4/projects/4/labels", "/api/v4/", "labels.list")]
    [InlineData("PUT", "/api/v4/projects/4/labels/bug", "/api/v4/", "labels.edit")]
    [InlineData("POST", "/api/v4/projects/4/issues/41/move", "/api/v4/", "issues.move")]
    // GitHub REST (project named "issues" must not confuse the classifier)
    [InlineData("GET", "/user", "/", "user")]
    [InlineData("GET", "/repos/acme/issues/issues", "/", "issues.list")]
    [InlineData("GET", "/github/api/v3/repos/acme/widget/issues/42", "/github/api/v3/", "issues.get")]
    [InlineData("POST", "/repos/acme/widget/issues", "/", "issues.create")]
    [InlineData("PATCH", "/repos/acme/widget/issues/42", "/", "issues.edit")]
    [InlineData("GET", "/repos/acme/widget/issues/42/comments", "/", "notes.list")]
    [InlineData("POST", "/repos/acme/widget/issues/42/comments", "/", "notes.create")]
    [InlineData("PATCH", "/repos/acme/widget/issues/comments/7", "/", "notes.edit")]
    [InlineData("GET", "/repos/acme/widget/issues/42/reactions", "/", "reactions.list")]
    [InlineData("GET", "/repos/acme/widget/issues/comments/7/reactions", "/", "reactions.list")]
    [InlineData("GET", "/repos/acme/widget/labels", "/", "labels.list")]
    [InlineData("POST", "/repos/acme/widget/issues/42/labels", "/", "issue_labels.create")]
    [InlineData("DELETE", "/repos/acme/widget/issues/42/labels/bug", "/", "issue_labels.delete")]
    [InlineData("POST", "/graphql", "/", "graphql")]
    [InlineData("POST", "/api/graphql", "/api/v3/", "graphql")]
    [InlineData("POST", "/github/api/graphql", "/github/api/v3/", "graphql")]
    [InlineData("POST", "/api/graphql", "/api/v4/", "graphql")]
    [InlineData("POST", "/gitlab-dev/api/graphql", "/gitlab-dev/api/v4/", "graphql")]
    [InlineData("GET", "/", "/", "other")]
    public void Classify_NormalisesPathToSharedKind(string method, string path, string root, string expected) =>
        Assert.Equal(expected, EndpointKinds.Classify(method, path, root));
}
