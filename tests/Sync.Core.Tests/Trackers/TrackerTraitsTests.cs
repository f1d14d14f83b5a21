using Sync.Core.Inventory;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Trackers;

/// <summary>Core tells tracker kinds apart in one place; an unknown kind throws there instead of passing as GitLab or GitHub.</summary>
public sealed class TrackerTraitsTests
{
    private const TrackerKind Unknown = (TrackerKind)99;

    [Fact]
    public void Traits_CoverEveryTrackerKind()
    {
        Assert.All(Enum.GetValues<TrackerKind>(), kind => Assert.Equal(kind, TrackerTraits.For(kind).Kind));
        Assert.All(Enum.GetValues<TrackerKind>(), kind => Assert.Equal(kind, BodyLimits.For(kind).Kind));
    }

    [Fact]
    public void Traits_OfAnUnknownKind_ThrowNamingTheKind()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrackerTraits.For(Unknown));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cursor_OfAnUnknownKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IncrementalCursor.Resolution(Unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncrementalCursor.TouchWindow(Unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncrementalCursor.BoundSlack(Unknown));
    }

    [Fact]
    public void BodyLimits_OfAnUnknownKind_Throw() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BodyLimits.For(Unknown));

    [Fact]
    public void Traits_KeepTheValuesTheSwitchesHad()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), IncrementalCursor.Resolution(TrackerKind.GitHub));
        Assert.Equal(TimeSpan.FromMilliseconds(1), IncrementalCursor.Resolution(TrackerKind.GitLab));
        Assert.Equal(TimeSpan.FromMinutes(2), IncrementalCursor.TouchWindow(TrackerKind.GitLab));
        Assert.Equal(TimeSpan.Zero, IncrementalCursor.TouchWindow(TrackerKind.GitHub));
        Assert.Equal(TimeSpan.FromSeconds(1), IncrementalCursor.BoundSlack(TrackerKind.GitHub));
        Assert.Equal(TimeSpan.Zero, IncrementalCursor.BoundSlack(TrackerKind.GitLab));
        Assert.Same(BodyLimits.GitHub, BodyLimits.For(TrackerKind.GitHub));
        Assert.Same(BodyLimits.GitLab, BodyLimits.For(TrackerKind.GitLab));
        Assert.True(TrackerTraits.GitLab.ConfidentialIssues && TrackerTraits.GitLab.TakesUploads && TrackerTraits.GitLab.VoteWebhooks);
        Assert.False(TrackerTraits.GitHub.ConfidentialIssues || TrackerTraits.GitHub.TakesUploads || TrackerTraits.GitHub.VoteWebhooks);
    }
}
