using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Tests.Trackers.GitHub.Projects;

public sealed class GitHubGraphQlEndpointTests
{
    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/graphql")]
    [InlineData("https://api.github.com", "https://api.github.com/graphql")]
    [InlineData("https://github.com/", "https://api.github.com/graphql")]
    [InlineData("http://127.0.0.1:1234/api/v3/", "http://127.0.0.1:1234/api/graphql")]
    [InlineData("http://127.0.0.1:1234/api/v3", "http://127.0.0.1:1234/api/graphql")]
    [InlineData("http://host/github/api/v3/", "http://host/github/api/graphql")]
    [InlineData("https://ghe.example.com/", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5081/github", "http://127.0.0.1:5081/github/api/graphql")]
    public void From_MapsApiRootToGraphQlEndpoint(string apiRoot, string expected) =>
        Assert.Equal(new Uri(expected), GitHubGraphQlEndpoint.From(new Uri(apiRoot)));
}
