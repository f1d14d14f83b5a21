using Microsoft.Extensions.Configuration;
using Sync.Core.Forums;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

/// <summary><c>IssueSync:Products:&lt;key&gt;:Forums</c>: bound straight into <see cref="ForumRules"/>, validated one line per problem.</summary>
public sealed class ForumOptionsTests
{
    private const string Forum = "IssueSync:Products:widget:Forums:0:";

    private static IConfiguration Configuration(params (string Key, string? Value)[] extra) =>
        WidgetConfiguration.Build("GitLab", [(Forum + "Project", "csv:widget/import"), .. extra]);

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] extra) => WidgetConfiguration.Errors(Configuration(extra));

    [Fact]
    public void Catalog_Forum_IsTheBoundRulesWithTheForumDefaults()
    {
        var product = WidgetConfiguration.Product(Configuration((Forum + "MinVotes", "3"), (Forum + "CloseAs", "Lock")));

        var forum = Assert.Single(product.Forums);
        Assert.Equal("csv:widget/import", forum.Project.ToString());
        var rules = Assert.IsAssignableFrom<ForumRules>(forum.Rules);
        Assert.Equal(3, rules.MinVotes);
        Assert.Equal(ForumClose.Lock, rules.CloseAs);
        Assert.True(rules.CloseSource);
        Assert.Empty(rules.LabelsOrDefault);
        Assert.Equal(["dev:acme/widget", "csv:widget/import"], product.MoveSources.Select(s => s.Project.ToString()));
        Assert.Empty(Errors((Forum + "MinVotes", "3"), (Forum + "CloseAs", "Lock")));
    }

    [Fact]
    public void Validate_ForumOnAnIssueTracker_SaysItBelongsUnderSources() =>
        Assert.Contains(
            "IssueSync:Products:widget:Forums:0:Project: 'dev:acme/other' is not on a forum tracker (Kind GitHubDiscussions or Discourse, or 'csv:widget/import'); an issue tracker's project goes under Sources",
            Errors((Forum + "Project", "dev:acme/other")));

    [Fact]
    public void Validate_AnotherProductsCsvImport_IsRefused() =>
        Assert.Contains(
            "IssueSync:Products:widget:Forums:0:Project: 'csv:gadget/import' is not 'csv:widget/import' (the product's own CSV imports)",
            Errors((Forum + "Project", "csv:gadget/import")));

    [Fact]
    public void Validate_MinVotesZero_IsOneLineNamingTheKey() =>
        Assert.Contains(
            "IssueSync:Products:widget:Forums:0:MinVotes: must be at least 1 (leave it out for any number of votes)",
            Errors((Forum + "MinVotes", "0")));

    [Fact]
    public void Validate_AnsweredOutsideDiscussions_IsRefused() =>
        Assert.Contains(
            "IssueSync:Products:widget:Forums:0:Answered: only GitHub Discussions have answers; leave it out for a CsvImport forum",
            Errors((Forum + "Answered", "true")));

    [Fact]
    public void Validate_SameForumTwice_IsRefused() =>
        Assert.Contains(
            "IssueSync:Products:widget:Forums:1:Project: 'csv:widget/import' is listed twice in the product's forums",
            Errors(("IssueSync:Products:widget:Forums:1:Project", "csv:widget/import")));

    [Theory]
    [InlineData("CloseAs", "Keeep", "Close, Lock, Keep")]
    [InlineData("CloseReason", "Resolved", "Duplicate, Outdated")]
    public void Validate_UnknownChoice_IsRefusedNotLeftAtTheDefault(string key, string value, string expected) =>
        Assert.Contains(
            $"IssueSync:Products:widget:Forums:0:{key}: '{value}' is not one of {expected}",
            Errors((Forum + key, value)));

    [Fact]
    public void Validate_ChoiceInAnyCase_IsAccepted() =>
        Assert.Empty(Errors((Forum + "CloseAs", "keep"), (Forum + "CloseReason", "OUTDATED")));
}
