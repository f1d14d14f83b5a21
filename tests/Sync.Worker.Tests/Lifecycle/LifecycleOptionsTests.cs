using Sync.Core.Lifecycle;
using Sync.Worker.Tests.Configuration;

namespace Sync.Worker.Tests.Lifecycle;

/// <summary>Lifecycle settings bound, catalogued and validated the way the worker does it; every error one line naming its key.</summary>
public sealed class LifecycleOptionsTests
{
    private const string Key = "IssueSync:Products:widget:Lifecycle:";

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] extra) =>
        WidgetConfiguration.Errors(WidgetConfiguration.Build("GitHub", [(Key + "Enabled", "true"), .. extra]));

    [Fact]
    public void Catalog_NotEnabled_IsNull_EnabledMapsToTheCoreDefaults()
    {
        Assert.Null(WidgetConfiguration.Product(WidgetConfiguration.Build("GitHub", (Key + "VotesNeeded", "5"))).Lifecycle);

        var rules = WidgetConfiguration.Product(WidgetConfiguration.Build("GitHub", (Key + "Enabled", "true"))).Lifecycle;
        var defaults = new LifecycleRules();
        Assert.NotNull(rules);
        Assert.Equal(defaults.LabelsOrDefault, rules.LabelsOrDefault);
        Assert.Equal((defaults.WindowDays, defaults.VotesNeeded), (rules.WindowDays, rules.VotesNeeded));
        Assert.Equal((defaults.VotingLabel, defaults.BacklogLabel, defaults.NotPlannedLabel), (rules.VotingLabel, rules.BacklogLabel, rules.NotPlannedLabel));
        Assert.Equal(defaults.ExemptLabelsOrDefault, rules.ExemptLabelsOrDefault);
        Assert.Equal(defaults.ExemptMilestonesOrDefault, rules.ExemptMilestonesOrDefault);
        Assert.Empty(rules.ExemptAuthors);
        Assert.Null(rules.Since);
    }

    [Fact]
    public void Catalog_ConfiguredLists_ReplaceTheDefaultsWhole()
    {
        var rules = WidgetConfiguration.Product(WidgetConfiguration.Build(
            "GitHub", (Key + "Enabled", "true"), (Key + "Labels:0", "idea"), (Key + "ExemptLabels:0", "wontfix"), (Key + "ExemptMilestones:0", "Someday"))).Lifecycle!;

        Assert.Equal(["idea"], rules.LabelsOrDefault);
        Assert.Equal(["wontfix"], rules.ExemptLabelsOrDefault);
        Assert.Equal(["Someday"], rules.ExemptMilestonesOrDefault);
    }

    [Fact]
    public void Validate_EnabledWithDefaults_OrWithRiceAndRoadmap_HasNoErrors()
    {
        Assert.Empty(Errors());
        Assert.Empty(Errors(("IssueSync:Products:widget:Rice:Enabled", "true"), ("IssueSync:Products:widget:Roadmap:Enabled", "true")));
    }

    [Theory]
    [InlineData("WindowDays", "0", "IssueSync:Products:widget:Lifecycle:WindowDays: 0 is outside 1 to 365 days")]
    [InlineData("VotesNeeded", "0", "IssueSync:Products:widget:Lifecycle:VotesNeeded: 0 is outside 1 to 100000 votes")]
    [InlineData("VotingLabel", "", "IssueSync:Products:widget:Lifecycle:VotingLabel: '' must be a label name (not empty, no ',')")]
    [InlineData("BacklogLabel", "a,b", "IssueSync:Products:widget:Lifecycle:BacklogLabel: 'a,b' must be a label name (not empty, no ',')")]
    [InlineData("NotPlannedLabel", "Candidate::Voting", "IssueSync:Products:widget:Lifecycle:NotPlannedLabel: 'Candidate::Voting' is also the VotingLabel; the voting, backlog and not-planned labels must differ")]
    [InlineData("VotingLabel", "Feature-Request", "IssueSync:Products:widget:Lifecycle:VotingLabel: 'Feature-Request' is also one of Labels (the feature-request labels); use a label of its own")]
    [InlineData("BacklogLabel", "roadmap::later", "IssueSync:Products:widget:Lifecycle:BacklogLabel: 'roadmap::later' is matched by ExemptLabels 'roadmap::*', so it would end the voting it marks")]
    [InlineData("Labels:0", " ", "IssueSync:Products:widget:Lifecycle:Labels:0: ' ' must be a label name (not empty, no ',')")]
    [InlineData("ExemptLabels:0", "*", "IssueSync:Products:widget:Lifecycle:ExemptLabels:0: '*' must be a label name or 'scope::*' (not empty, no ',', '*' only as '::*')")]
    [InlineData("ExemptLabels:0", "::*", "IssueSync:Products:widget:Lifecycle:ExemptLabels:0: '::*' must be a label name or 'scope::*' (not empty, no ',', '*' only as '::*')")]
    [InlineData("ExemptAuthors:0", " ", "IssueSync:Products:widget:Lifecycle:ExemptAuthors:0: must not be empty")]
    [InlineData("ExemptMilestones:0", "", "IssueSync:Products:widget:Lifecycle:ExemptMilestones:0: must not be empty")]
    public void Validate_BadSetting_IsOneLineNamingItsKey(string setting, string value, string error) =>
        Assert.Equal([error], Errors((Key + setting, value)));

    [Fact]
    public void Validate_LabelsInsideTheRiceOrRoadmapScope_AreFoughtOver_OnlyWhenThoseAreEnabled()
    {
        Assert.Empty(Errors((Key + "VotingLabel", "rice::voting"), (Key + "BacklogLabel", "board::backlog"), (Key + "ExemptLabels:0", "wontfix")));

        Assert.Equal(
            [
                "IssueSync:Products:widget:Lifecycle:VotingLabel: 'rice::voting' is inside the RICE bucket scope 'rice::', whose labels RICE keeps; use another scope",
                "IssueSync:Products:widget:Lifecycle:BacklogLabel: 'board::backlog' is inside the roadmap label scope 'board::', whose labels the roadmap keeps; use another scope",
            ],
            Errors(
                (Key + "VotingLabel", "rice::voting"),
                (Key + "BacklogLabel", "board::backlog"),
                (Key + "ExemptLabels:0", "wontfix"),
                ("IssueSync:Products:widget:Rice:Enabled", "true"),
                ("IssueSync:Products:widget:Roadmap:Enabled", "true"),
                ("IssueSync:Products:widget:Roadmap:LabelScope", "board")));
    }
}
