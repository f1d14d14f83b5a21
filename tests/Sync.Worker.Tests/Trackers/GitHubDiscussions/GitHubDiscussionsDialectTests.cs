using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;
using Sync.Worker.Trackers.GitHubDiscussions;

namespace Sync.Worker.Tests.Trackers.GitHubDiscussions;

/// <summary>The Discussions dialect is GitHub's for everything but the kind, the idea's web path and the client.</summary>
public sealed class GitHubDiscussionsDialectTests
{
    private readonly ITrackerDialect _dialect = TrackerDialects.For(TrackerKind.GitHubDiscussions);

    [Theory]
    [InlineData("https://api.github.com", "https://github.com/", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5081/github/api/v3", "http://127.0.0.1:5081/github/", "http://127.0.0.1:5081/github/api/graphql")]
    public void ApiRoot_GivesGitHubsWebRootAndGraphQlEndpoint(string apiUrl, string webRoot, string graphQl)
    {
        var root = TrackerRegistration.NormalizeApiRoot(new Uri(apiUrl));

        Assert.Equal(webRoot, _dialect.WebRoot(root).AbsoluteUri);
        Assert.Equal(graphQl, GitHubGraphQlEndpoint.From(root).AbsoluteUri);
        Assert.Equal(EndpointKinds.GraphQl, EndpointKinds.Classify("POST", new Uri(graphQl).AbsolutePath, _dialect.RequestRoot(root).AbsolutePath));
        Assert.Null(_dialect.ApiUrlProblem(root));
    }

    [Fact]
    public void GitLabRoot_IsRefusedNamingTheKind()
    {
        Assert.Equal("is a GitLab API root but Kind is GitHubDiscussions", _dialect.ApiUrlProblem(new Uri("https://gitlab.com/api/v4")));
    }

    [Theory]
    [InlineData("acme/forum/discussions/12", true, "acme/forum", 12)]
    [InlineData("acme/forum/issues/12", false, "", 0)]
    [InlineData("acme/forum/discussions/0", false, "acme/forum", 0)]
    [InlineData("acme/forum/ideas/discussions/3", false, "", 0)]
    public void IdeaWebPath_IsTheRepositoryAndTheDiscussionNumber(string path, bool parsed, string project, long number)
    {
        Assert.Equal((parsed, project, number), (_dialect.TryParseIssueWebPath(path, out var p, out var n), p, n));
    }

    [Fact]
    public void LimitsAndAuth_AreGitHubs()
    {
        var github = TrackerDialects.For(TrackerKind.GitHub);
        Assert.Equal(github.DefaultLimits(), _dialect.DefaultLimits());
        Assert.Equal(github.Limits, _dialect.Limits);
        Assert.Empty(_dialect.Capabilities);
        Assert.True(TrackerTraits.For(TrackerKind.GitHubDiscussions).Forum);

        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.github.com/graphql");
        _dialect.Authenticate(request, "ghp_token", "/");
        Assert.Equal(("Bearer", "ghp_token"), (request.Headers.Authorization?.Scheme, request.Headers.Authorization?.Parameter));
    }

    [Theory]
    [InlineData("acme/forum")]
    [InlineData("acme/forum/ideas/more")]
    [InlineData("acme//ideas")]
    public void ForumPath_OtherThanOwnerRepoCategory_IsRefusedWithTheExpectedForm(string path)
    {
        var error = Assert.Throws<TrackerValidationException>(() => ForumPath.Parse("forum", path));
        Assert.Contains("<owner>/<repo>/<category-slug>", error.Message, StringComparison.Ordinal);
    }
}
