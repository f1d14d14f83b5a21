using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.GitHub;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Tests.Trackers;

/// <summary>The dialect list is the one place kinds are enumerated: it covers every kind, and nothing defaults an unknown one.</summary>
public sealed class TrackerDialectTests
{
    private const TrackerKind Unknown = (TrackerKind)99;

    [Fact]
    public void Registration_CoversEveryTrackerKind_OncePerKind()
    {
        Assert.Equal(Enum.GetValues<TrackerKind>().Order(), TrackerDialects.All.Select(d => d.Kind).Order());
        Assert.All(Enum.GetValues<TrackerKind>(), kind => Assert.Equal(kind, TrackerDialects.For(kind).Kind));
    }

    [Fact]
    public void DialectLookup_OfAnUnknownKind_ThrowsNamingTheKind()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrackerDialects.For(Unknown));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.False(TrackerDialects.TryParse("99", out _));
        Assert.False(TrackerDialects.TryParse("Gitea", out _));
        Assert.True(TrackerDialects.TryParse(" github ", out var gitHub));
        Assert.Equal(TrackerKind.GitHub, gitHub.Kind);
    }

    [Fact]
    public void Registry_OfAnUnknownKind_Throws()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddTrackerClient("odd", Unknown, new Uri("https://odd.example/api"), "t"));
    }

    [Fact]
    public void Auth_OfAnUnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrackerAuthHandler(Unknown, new Uri("https://odd.example/api/"), "t"));

    [Fact]
    public void PacingAndLimits_OfAnUnknownKind_Throw()
    {
        var time = new FakeTimeProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackerLimitsOptions.ForKind(Unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WritePacer(Unknown, "/", new TrackerLimitsOptions(), time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrackerLimiter("odd", Unknown, "/", new TrackerLimitsOptions(), time, NullLogger.Instance));
    }

    [Fact]
    public void WebRoot_OfAnUnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackerRegistration.WebRootOf(Unknown, new Uri("https://odd.example/api/")));

    [Fact]
    public void Capabilities_AreWhatTheClientsImplement_GitHubHasNoUploadsOrLabelBoards()
    {
        Assert.True(typeof(IUploads).IsAssignableFrom(typeof(GitLabTrackerClient)));
        Assert.True(typeof(IBoards).IsAssignableFrom(typeof(GitLabTrackerClient)));
        Assert.False(typeof(IUploads).IsAssignableFrom(typeof(GitHubTrackerClient)));
        Assert.False(typeof(IBoards).IsAssignableFrom(typeof(GitHubTrackerClient)));

        Assert.Equal([typeof(IUploads), typeof(IBoards)], TrackerDialects.For(TrackerKind.GitLab).Capabilities);
        Assert.Equal([typeof(IProjectBoards)], TrackerDialects.For(TrackerKind.GitHub).Capabilities);
    }

    [Fact]
    public void Registry_GitHubClient_AnswersNoUploadsOrBoards_GitLabClientDoes()
    {
        using var services = new ServiceCollection()
            .AddTrackerClient("public", TrackerKind.GitHub, new Uri("https://api.github.com"), "t1")
            .AddTrackerClient("work", TrackerKind.GitLab, new Uri("https://gitlab.com/api/v4"), "t2")
            .BuildServiceProvider();
        var registry = services.GetRequiredService<ITrackerRegistry>();

        Assert.Null(registry.Get("public").Get<IUploads>());
        Assert.Null(registry.Get("public").Get<IBoards>());
        Assert.NotNull(registry.Get("work").Get<IUploads>());
        Assert.NotNull(registry.Get("work").Get<IBoards>());
    }
}
