using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sync.Core.Rice;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

/// <summary>RICE settings bound from configuration the way the worker binds them, then mapped by the real catalog.</summary>
public sealed class RiceOptionsTests
{
    private const string Rice = "IssueSync:Products:widget:Rice:";

    private static IConfiguration Configuration(params (string Key, string? Value)[] extra) =>
        WidgetConfiguration.Build("GitHub", extra);

    private static IssueSyncOptions Bind(IConfiguration configuration) => WidgetConfiguration.Bind(configuration);

    private static RiceRules? RulesOf(params (string Key, string? Value)[] extra) =>
        new ProductCatalog(Options.Create(Bind(Configuration(extra)))).Get("widget").Rice;

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] extra) => WidgetConfiguration.Errors(Configuration(extra));

    [Fact]
    public void Catalog_RiceNotConfigured_IsNull() =>
        Assert.Null(RulesOf());

    [Fact]
    public void Catalog_RiceConfiguredButNotEnabled_IsNull() =>
        Assert.Null(RulesOf((Rice + "Mode", "Percentiles"), (Rice + "Scope", "prio")));

    [Fact]
    public void Catalog_RiceEnabledWithNothingElse_MapsToTheCoreDefaults()
    {
        var rules = RulesOf((Rice + "Enabled", "true"));
        var defaults = new RiceRules();

        Assert.NotNull(rules);
        Assert.Equal(defaults.Scope, rules.Scope);
        Assert.Equal(defaults.OverrideLabel, rules.OverrideLabel);
        Assert.Equal(defaults.Comment, rules.Comment);
        Assert.Equal(defaults.ReachPerVoter, rules.ReachPerVoter);
        Assert.Empty(rules.ReachLabels);
        Assert.Equal(defaults.ImpactScope, rules.ImpactScope);
        Assert.Equal(defaults.ImpactScaleOrDefault.OrderBy(p => p.Key), rules.ImpactScaleOrDefault.OrderBy(p => p.Key));
        Assert.Equal(defaults.ConfidenceScope, rules.ConfidenceScope);
        Assert.Equal(defaults.ConfidenceScaleOrDefault.OrderBy(p => p.Key), rules.ConfidenceScaleOrDefault.OrderBy(p => p.Key));
        Assert.Equal(defaults.DefaultConfidence, rules.DefaultConfidence);
        Assert.Equal(defaults.EffortScope, rules.EffortScope);
        Assert.Equal(defaults.UseWeight, rules.UseWeight);
        Assert.Equal(defaults.MonthsPerWeight, rules.MonthsPerWeight);
        Assert.Equal(RiceBucketMode.Thresholds, rules.BucketMode);
        Assert.Equal(defaults.Thresholds, rules.Thresholds);
        Assert.Equal(defaults.Percentiles, rules.Percentiles);
    }

    [Fact]
    public void Catalog_CustomImpactScale_ReplacesTheDefaultScaleWhole()
    {
        var rules = RulesOf((Rice + "Enabled", "true"), (Rice + "ImpactScale:high", "2"), (Rice + "ImpactScale:low", "0.5"));

        Assert.NotNull(rules);
        Assert.Equal(["high", "low"], rules.ImpactScaleOrDefault.Keys.Order(StringComparer.Ordinal));
        Assert.False(rules.ImpactScaleOrDefault.ContainsKey("3"));
        Assert.Equal(2, rules.ImpactScaleOrDefault["high"]);
        Assert.Equal(0.5, rules.ImpactScaleOrDefault["low"]);
        Assert.Equal(2, rules.ImpactScaleOrDefault["HIGH"]);
        Assert.Equal(["100", "50", "80"], rules.ConfidenceScaleOrDefault.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_CustomImpactScale_ScoresIssuesByTheNewValues()
    {
        var rules = RulesOf((Rice + "Enabled", "true"), (Rice + "ImpactScale:high", "2"), (Rice + "ImpactScale:low", "0.5"));
        Assert.NotNull(rules);

        Assert.Equal(2, RiceCalculator.Score(["impact::High", "effort::1"], null, 10, 90, rules).Impact.Value);
        Assert.Null(RiceCalculator.Score(["impact::3", "effort::1"], null, 10, 90, rules).Impact.Value);
    }

    [Theory]
    [InlineData("percentiles", RiceBucketMode.Percentiles)]
    [InlineData("PERCENTILES", RiceBucketMode.Percentiles)]
    [InlineData("thresholds", RiceBucketMode.Thresholds)]
    public void Catalog_ModeInAnyCase_MapsToTheEnum(string mode, RiceBucketMode expected)
    {
        var rules = RulesOf((Rice + "Enabled", "true"), (Rice + "Mode", mode));

        Assert.NotNull(rules);
        Assert.Equal(expected, rules.BucketMode);
    }

    [Fact]
    public void Catalog_EveryOtherSetting_IsMapped()
    {
        var rules = RulesOf(
            (Rice + "Enabled", "true"),
            (Rice + "Scope", " prio "),
            (Rice + "OverrideLabel", " prio-fixed "),
            (Rice + "Comment", "false"),
            (Rice + "ReachPerVoter", "2"),
            (Rice + "ReachLabels:customer", "5"),
            (Rice + "ImpactScope", "value"),
            (Rice + "ConfidenceScope", "sure"),
            (Rice + "ConfidenceScale:yes", "90"),
            (Rice + "DefaultConfidence", "30"),
            (Rice + "EffortScope", "months"),
            (Rice + "UseWeight", "false"),
            (Rice + "MonthsPerWeight", "0.5"),
            (Rice + "Thresholds:Top", "100"),
            (Rice + "Thresholds:High", "40"),
            (Rice + "Thresholds:Medium", "10"),
            (Rice + "Percentiles:Top", "5"),
            (Rice + "Percentiles:High", "25"),
            (Rice + "Percentiles:Medium", "50"));

        Assert.NotNull(rules);
        Assert.Equal("prio", rules.Scope);
        Assert.Equal("prio-fixed", rules.OverrideLabel);
        Assert.False(rules.Comment);
        Assert.Equal(2, rules.ReachPerVoter);
        Assert.Equal(5, rules.ReachLabels["Customer"]);
        Assert.Equal("value", rules.ImpactScope);
        Assert.Equal("sure", rules.ConfidenceScope);
        Assert.Equal(90, Assert.Single(rules.ConfidenceScaleOrDefault).Value);
        Assert.Equal(30, rules.DefaultConfidence);
        Assert.Equal("months", rules.EffortScope);
        Assert.False(rules.UseWeight);
        Assert.Equal(0.5, rules.MonthsPerWeight);
        Assert.Equal(new RiceCutoffs(100, 40, 10), rules.Thresholds);
        Assert.Equal(new RiceCutoffs(5, 25, 50), rules.Percentiles);
    }

    [Fact]
    public void Validate_RiceEnabledWithDefaults_HasNoErrors() =>
        Assert.Empty(Errors((Rice + "Enabled", "true")));

    [Fact]
    public void Validate_RiceEnabledWithValidCustomSettings_HasNoErrors() =>
        Assert.Empty(Errors(
            (Rice + "Enabled", "true"),
            (Rice + "Mode", "percentiles"),
            (Rice + "ImpactScale:high", "2"),
            (Rice + "ConfidenceScale:100", "100"),
            (Rice + "ReachLabels:customer", "0"),
            (Rice + "Percentiles:Top", "100"),
            (Rice + "Percentiles:High", "100"),
            (Rice + "Percentiles:Medium", "100")));

    [Fact]
    public void Validate_RiceDisabled_IgnoresBadRiceSettings() =>
        Assert.Empty(Errors((Rice + "Mode", "Sideways"), (Rice + "MonthsPerWeight", "0")));

    [Fact]
    public void Validate_SeveralBadRiceSettings_ReportsEachWithItsKey()
    {
        var errors = Errors(
            (Rice + "Enabled", "true"),
            (Rice + "Mode", "Sideways"),
            (Rice + "MonthsPerWeight", "0"),
            (Rice + "ReachLabels:customer", "-5"));

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith(Rice + "Mode: 'Sideways'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(Rice + "MonthsPerWeight: 0 ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(Rice + "ReachLabels:customer: -5 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ImpactScale:huge", "-1", "IssueSync:Products:widget:Rice:ImpactScale:huge: -1 must be above 0")]
    [InlineData("ConfidenceScale:sure", "0", "IssueSync:Products:widget:Rice:ConfidenceScale:sure: 0 must be above 0 and at most 100")]
    [InlineData("DefaultConfidence", "101", "IssueSync:Products:widget:Rice:DefaultConfidence: 101 must be a percentage above 0 and at most 100")]
    [InlineData("Percentiles:Top", "0", "IssueSync:Products:widget:Rice:Percentiles: Top 0, High 30, Medium 60")]
    [InlineData("Thresholds:Medium", "-1", "IssueSync:Products:widget:Rice:Thresholds: Top 50, High 20, Medium -1")]
    [InlineData("ConfidenceScope", "a,b", "IssueSync:Products:widget:Rice:ConfidenceScope: 'a,b' must be a label scope")]
    public void Validate_BadRiceValue_IsOneErrorNamingTheKey(string key, string value, string expected)
    {
        var errors = Errors((Rice + "Enabled", "true"), (Rice + key, value));

        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ScopeRenamed_OverrideLabelIsCheckedAgainstTheNewScope()
    {
        Assert.Empty(Errors((Rice + "Enabled", "true"), (Rice + "Scope", "prio"), (Rice + "OverrideLabel", "rice::top")));
        Assert.Single(Errors((Rice + "Enabled", "true"), (Rice + "Scope", "prio"), (Rice + "OverrideLabel", "prio::top")));
    }

    [Theory]
    [InlineData("rice::needs-input")]
    [InlineData("RICE::Top")]
    [InlineData("rice::low")]
    public void Validate_OverrideLabelIsABucketLabel_IsAnError(string label)
    {
        var errors = Errors((Rice + "Enabled", "true"), (Rice + "OverrideLabel", label));

        Assert.Equal([$"{Rice}OverrideLabel: '{label}' is one of the bucket labels it is meant to protect"], errors);
    }
}
