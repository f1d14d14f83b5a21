using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sync.Core.Moving;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

/// <summary>
/// One options model per concept: the configuration binds straight into Core's rules (defaults written once, in Core),
/// and the ranges annotated there come back from the generated validator as one line naming the full key.
/// </summary>
public sealed class OptionsModelTests
{
    private const string Source = "IssueSync:Products:widget:Sources:0:";

    private static IConfiguration Configuration(params (string Key, string? Value)[] extra) =>
        WidgetConfiguration.Build("GitLab", extra);

    private static IssueSyncOptions Bind(IConfiguration configuration) => WidgetConfiguration.Bind(configuration);

    private static MoveRules RulesOf(params (string Key, string? Value)[] extra) =>
        new ProductCatalog(Options.Create(Bind(Configuration(extra)))).Get("widget").Sources[0].Rules;

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] extra) => WidgetConfiguration.Errors(Configuration(extra));

    [Fact]
    public void Catalog_Redaction_IsTheBoundRulesWithTheirDefaults()
    {
        var unset = new ProductCatalog(Options.Create(Bind(Configuration()))).Get("widget").Redaction;
        var set = new ProductCatalog(Options.Create(Bind(Configuration(
            ("IssueSync:Products:widget:Redaction:Patterns:0", "ACME-\\d{6}"),
            ("IssueSync:Products:widget:Redaction:InternalHosts:0", "intra.acme.net"),
            ("IssueSync:Products:widget:Redaction:UseDefaults", "false"),
            ("IssueSync:Products:widget:Redaction:PublicPaths:0", "acme/sdk"),
            ("IssueSync:Products:widget:Redaction:SourceInstanceInternal", "true"))))).Get("widget").Redaction;

        Assert.Equal((0, 0, true, 0, (bool?)null), (unset.Patterns.Count, unset.InternalHosts.Count, unset.UseDefaults, unset.PublicPaths.Count, unset.SourceInstanceInternal));
        Assert.Equal(["ACME-\\d{6}"], set.Patterns);
        Assert.Equal(["intra.acme.net"], set.InternalHosts);
        Assert.False(set.UseDefaults);
        Assert.Equal(["acme/sdk"], set.PublicPaths);
        Assert.True(set.SourceInstanceInternal);
    }

    [Fact]
    public void Catalog_LabelsNotConfigured_MoveIssuesLabelledWithTheOneDefault()
    {
        var rules = RulesOf();

        Assert.Equal([MoveRules.DefaultLabel], rules.LabelsOrDefault);
        Assert.Equal("public", MoveRules.DefaultLabel);
    }

    [Fact]
    public void Catalog_LabelsConfigured_ReplaceTheDefaultInsteadOfBeingAppendedToIt()
    {
        var rules = RulesOf((Source + "Labels:0", "external"), (Source + "Labels:1", "triaged"));

        Assert.Equal(["external", "triaged"], rules.LabelsOrDefault);
    }

    [Fact]
    public void Catalog_SourceRules_AreTheBoundOptionsWithCoreDefaults()
    {
        var rules = RulesOf((Source + "LabelMap:Bug", "type::bug"), (Source + "MaxAttempts", "7"));
        var defaults = new MoveRules();

        Assert.Equal(7, rules.MaxAttempts);
        Assert.Equal("type::bug", rules.LabelMap["BUG"]);
        Assert.Equal(defaults.MovedLabel, rules.MovedLabel);
        Assert.Equal(defaults.RetryAfter, rules.RetryAfter);
        Assert.Equal(defaults.CloseSource, rules.CloseSource);
    }

    [Fact]
    public void Catalog_IdentityMap_IsTrimmedPairsWhereTheLastToOfAFromWins()
    {
        var configuration = Configuration(
            ("IssueSync:Products:widget:Votes:IdentityMap:0:From", " dev:alice "),
            ("IssueSync:Products:widget:Votes:IdentityMap:0:To", "pub:alice-old"),
            ("IssueSync:Products:widget:Votes:IdentityMap:1:From", "DEV:alice"),
            ("IssueSync:Products:widget:Votes:IdentityMap:1:To", " pub:alice-new "));
        var votes = new ProductCatalog(Options.Create(Bind(configuration))).Get("widget").Votes;

        var pair = Assert.Single(Sync.Core.Votes.VoteRules.Pairs(votes.IdentityMap));
        Assert.Equal("dev:alice", pair.Key);
        Assert.Equal("pub:alice-new", pair.Value);
    }

    [Theory]
    [InlineData("MaxAttempts", "0", "IssueSync:Products:widget:Sources:0:MaxAttempts: 0 is outside 1 to 100")]
    [InlineData("RetryAfter", "07:00:00", "IssueSync:Products:widget:Sources:0:RetryAfter: 07:00:00 is outside 00:00:00 to 06:00:00")]
    [InlineData("UpdatedWithinDays", "0", "IssueSync:Products:widget:Sources:0:UpdatedWithinDays: must be at least 1 (leave it out for any time)")]
    public void Validate_AnnotatedRange_IsOneLineNamingTheFullKey(string key, string value, string expected) =>
        Assert.Equal([expected], Errors((Source + key, value)));

    [Fact]
    public void Validate_AnnotatedRangeOfANestedSection_NamesTheNestedKey() =>
        Assert.Equal(
            ["IssueSync:Webhooks:MaxBodyBytes: 10 is outside 1024 to 26214400"],
            Errors(("IssueSync:Webhooks:MaxBodyBytes", "10")));
}
