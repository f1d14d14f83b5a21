using Sync.Core.Trackers;

namespace Sync.Core.Tests.Trackers;

public sealed class ProjectRefTests
{
    [Theory]
    [InlineData("public:acme/widget", "public", "acme/widget")]
    [InlineData("dev:group/sub/project", "dev", "group/sub/project")]
    [InlineData(" dev : acme/widget/ ", "dev", "acme/widget")]
    public void TryParse_WellFormed_SplitsTrackerAndPath(string text, string tracker, string path)
    {
        Assert.True(ProjectRef.TryParse(text, out var project, out _));
        Assert.Equal(new ProjectRef(tracker, path), project);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("acme/widget", "is not of the form")]
    [InlineData(":acme/widget", "is not of the form")]
    [InlineData("dev:", "is not of the form")]
    [InlineData("dev:widget", "has no valid project path")]
    [InlineData("dev:acme//widget", "has no valid project path")]
    [InlineData("dev:acme/wid get", "has no valid project path")]
    public void TryParse_Malformed_GivesAReason(string text, string reason)
    {
        Assert.False(ProjectRef.TryParse(text, out var project, out var error));
        Assert.Null(project);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueRef_RoundTripsThroughText()
    {
        var issue = IssueRef.Parse("dev:acme/widget#42");

        Assert.Equal(new IssueRef(new ProjectRef("dev", "acme/widget"), 42), issue);
        Assert.Equal("dev:acme/widget#42", issue.ToString());
        Assert.False(IssueRef.TryParse("dev:acme/widget#0", out _));
        Assert.False(IssueRef.TryParse("dev:acme/widget", out _));
    }
}
