using Microsoft.Extensions.Options;
using Sync.Core.Releases;
using Sync.Worker.Configuration;
using Sync.Worker.Tests.Configuration;

namespace Sync.Worker.Tests.Releases;

/// <summary>Release notes settings bound and validated the way the worker does it, then mapped by the real catalog.</summary>
public sealed class ReleaseNotesOptionsTests
{
    private const string Key = "IssueSync:Products:widget:ReleaseNotes:";

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] extra) =>
        WidgetConfiguration.Errors(WidgetConfiguration.Build("GitLab", [(Key + "Enabled", "true"), .. extra]));

    private static ReleaseNotesRules? RulesOf(params (string Key, string? Value)[] extra) =>
        new ProductCatalog(Options.Create(WidgetConfiguration.Bind(WidgetConfiguration.Build("GitHub", extra)))).Get("widget").ReleaseNotes;

    [Fact]
    public void Enabled_WithDefaults_IsValid_AndMapsToTheCoreDefaults()
    {
        Assert.DoesNotContain(Errors(), e => e.Contains("ReleaseNotes", StringComparison.Ordinal));
        var rules = RulesOf((Key + "Enabled", "true"));
        Assert.NotNull(rules);
        Assert.Equal("Release notes: {milestone}", rules.Title);
        Assert.Equal(["feature-request", "enhancement", "bug"], rules.GroupsOrDefault);
        Assert.True(rules.OnlyNewlyClosed);
        Assert.Null(RulesOf((Key + "Title", "Notes {milestone}")));
    }

    [Theory]
    [InlineData("Release notes", "IssueSync:Products:widget:ReleaseNotes:Title: 'Release notes' must contain {milestone} (one notes issue per milestone)")]
    [InlineData("   ", "IssueSync:Products:widget:ReleaseNotes:Title: '' must contain {milestone} (one notes issue per milestone)")]
    public void Title_WithoutThePlaceholder_IsOneLineNamingTheKey(string title, string expected)
    {
        Assert.Contains(expected, Errors((Key + "Title", title)));
    }

    [Fact]
    public void Title_TooLongWithAShortMilestone_IsRefused()
    {
        var errors = Errors((Key + "Title", new string('x', 253) + "{milestone}"));
        Assert.Contains("IssueSync:Products:widget:ReleaseNotes:Title: must be 1 to 255 characters with the milestone's title in place of {milestone}", errors);
        Assert.DoesNotContain(Errors((Key + "Title", new string('x', 252) + "{milestone}")), e => e.Contains(":Title:", StringComparison.Ordinal));
    }

    [Fact]
    public void Groups_EmptyOrDuplicateWithoutCase_AreOneLineEach()
    {
        var errors = Errors((Key + "Groups:0", "bug"), (Key + "Groups:1", " "), (Key + "Groups:2", "BUG"));
        Assert.Contains("IssueSync:Products:widget:ReleaseNotes:Groups:1: must name a label", errors);
        Assert.Contains("IssueSync:Products:widget:ReleaseNotes:Groups:2: 'BUG' is listed twice (labels compare without case)", errors);
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
    }

    [Fact]
    public void Groups_Configured_ReplaceTheDefaultsInOrder()
    {
        var rules = RulesOf((Key + "Enabled", "true"), (Key + "Groups:0", "ux"), (Key + "Groups:1", "api"));
        Assert.Equal(["ux", "api"], rules!.GroupsOrDefault);
    }
}
