using Microsoft.Extensions.Configuration;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>The request budget keys: documented defaults per tracker kind, and errors that name the key.</summary>
public sealed class RequestPacingOptionsTests
{
    private static IConfigurationSection Tracker(params (string Key, string Value)[] limits) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(limits.Select(l => new KeyValuePair<string, string?>($"IssueSync:Trackers:lab:Limits:{l.Key}", l.Value)))
            .Build()
            .GetSection("IssueSync:Trackers:lab");

    [Fact]
    public void Defaults_GitLabPacesAt2000RequestsAMinute_GitHubRelyOnItsHeaders()
    {
        var gitLab = TrackerLimitsBinding.Bind(Tracker(), TrackerKind.GitLab);
        var gitHub = TrackerLimitsBinding.Bind(Tracker(), TrackerKind.GitHub);

        Assert.Equal(2000, gitLab.RequestsPerMinute);
        Assert.Equal(0, gitLab.RequestsPerHour);
        Assert.Equal(TimeSpan.FromMinutes(1), gitLab.LimitWindow);
        Assert.Equal(0, gitHub.RequestsPerMinute);
    }

    [Fact]
    public void HourlyPlanLimit_BindsFromConfiguration_AndZeroTurnsPacingOff()
    {
        var limits = TrackerLimitsBinding.Bind(Tracker(("RequestsPerMinute", "0"), ("RequestsPerHour", "5000")), TrackerKind.GitLab);

        Assert.Equal(0, limits.RequestsPerMinute);
        Assert.Equal(5000, limits.RequestsPerHour);
    }

    [Theory]
    [InlineData("RequestsPerMinute", "-1", "IssueSync:Trackers:lab:Limits:RequestsPerMinute must not be negative (0 turns request pacing off)")]
    [InlineData("RequestsPerHour", "-5", "IssueSync:Trackers:lab:Limits:RequestsPerHour must not be negative (0 turns request pacing off)")]
    [InlineData("LimitWindow", "00:00:00", "IssueSync:Trackers:lab:Limits:LimitWindow must be positive")]
    [InlineData("LimitJitter", "-00:00:01", "IssueSync:Trackers:lab:Limits:LimitJitter must not be negative")]
    public void OutOfRangeValue_IsRefusedNamingItsKey(string key, string value, string expected)
    {
        Assert.Equal(expected, TrackerLimitsBinding.Problem(Tracker((key, value)), TrackerKind.GitLab));
    }
}
