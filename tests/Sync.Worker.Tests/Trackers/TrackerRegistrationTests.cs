using Microsoft.Extensions.DependencyInjection;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Tests.Trackers;

public sealed class TrackerRegistrationTests
{
    [Theory]
    [InlineData("https://api.github.com", "https://api.github.com/")]
    [InlineData("https://github.com", "https://api.github.com/")]
    [InlineData("http://127.0.0.1:5081/github/api/v3", "http://127.0.0.1:5081/github/api/v3/")]
    [InlineData("http://127.0.0.1:5081/github/api/v3/", "http://127.0.0.1:5081/github/api/v3/")]
    [InlineData("https://ghe.example.com", "https://ghe.example.com/api/v3/")]
    [InlineData("https://example.com/ghe", "https://example.com/ghe/api/v3/")]
    public void GitHubBaseAddress_KeepsPathPrefix(string apiUrl, string expected) =>
        Assert.Equal(new Uri(expected), GitHubBaseAddress.From(new Uri(apiUrl)));

    [Theory]
    [InlineData("https://gitlab.com/api/v4", "https://gitlab.com/api/v4/")]
    [InlineData("http://127.0.0.1:5081/gitlab-dev/api/v4/", "http://127.0.0.1:5081/gitlab-dev/api/v4/")]
    public void NormalizeApiRoot_AddsSingleTrailingSlash(string apiUrl, string expected) =>
        Assert.Equal(new Uri(expected), TrackerRegistration.NormalizeApiRoot(new Uri(apiUrl)));

    [Fact]
    public void Registry_ResolvesEachConfiguredTrackerByName()
    {
        using var services = new ServiceCollection()
            .AddTrackerClient("public", TrackerKind.GitHub, new Uri("https://api.github.com"), "t1")
            .AddTrackerClient("work", TrackerKind.GitLab, new Uri("https://gitlab.com/api/v4"), "t2")
            .BuildServiceProvider();
        var registry = services.GetRequiredService<ITrackerRegistry>();

        Assert.Equal(["public", "work"], registry.Names.Order());
        Assert.Equal(TrackerKind.GitHub, registry.Get("public").Kind);
        Assert.Equal(TrackerKind.GitLab, registry.Get("WORK").Kind);
        Assert.Equal("work", registry.Get("work").Name);
        Assert.Throws<KeyNotFoundException>(() => registry.Get("missing"));
    }

    [Fact]
    public void Registry_RejectsDuplicateNames()
    {
        using var services = new ServiceCollection()
            .AddTrackerClient("work", TrackerKind.GitLab, new Uri("https://gitlab.com/api/v4"), "t1")
            .AddTrackerClient("work", TrackerKind.GitLab, new Uri("https://gitlab.example.com/api/v4"), "t2")
            .BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ITrackerRegistry>());
    }
}
