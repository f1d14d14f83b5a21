using Sync.Core.Rice;

namespace Sync.Core.Tests.Rice;

public sealed class RiceCalculatorTests
{
    private static readonly RiceRules Defaults = new();

    private static RiceScore Score(string[] labels, int? weight = null, int voters = 0, RiceRules? rules = null) =>
        RiceCalculator.Score(labels, weight, voters, windowDays: 90, rules ?? Defaults);

    [Fact]
    public void Score_VotersReachLabelImpactConfidenceEffort_MultipliesAndDivides()
    {
        var rules = new RiceRules { ReachLabels = new Dictionary<string, double> { ["customer"] = 5 } };

        var score = Score(["customer", "impact::2", "confidence::80", "effort::0.5"], voters: 10, rules: rules);

        Assert.Equal(15, score.Reach.Value);
        Assert.Equal(2, score.Impact.Value);
        Assert.Equal(80, score.Confidence.Value);
        Assert.Equal(0.5, score.Effort.Value);
        Assert.NotNull(score.Score);
        Assert.Equal(48, score.Score.Value, precision: 9);
        Assert.False(score.NeedsInput);
        Assert.Empty(score.Missing);
    }

    [Fact]
    public void Score_Reach_ExplainsVotersAndLabels()
    {
        var rules = new RiceRules { ReachLabels = new Dictionary<string, double> { ["customer"] = 5 } };

        var score = Score(["customer", "impact::1", "effort::1"], voters: 10, rules: rules);

        Assert.Equal("10 voter(s) in the last 90 days × 1 + 5 for label `customer`", score.Reach.Source);
    }

    [Fact]
    public void Score_ReachLabelNotOnIssue_AddsNothing()
    {
        var rules = new RiceRules { ReachLabels = new Dictionary<string, double> { ["customer"] = 5, ["sales-request"] = 3 } };

        var score = Score(["Sales-Request", "impact::1", "effort::1"], voters: 4, rules: rules);

        Assert.Equal(7, score.Reach.Value);
        Assert.DoesNotContain("customer", score.Reach.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ReachPerVoterTwo_DoublesVoterReach()
    {
        var score = Score(["impact::1", "confidence::100", "effort::1"], voters: 7, rules: new RiceRules { ReachPerVoter = 2 });

        Assert.Equal(14, score.Reach.Value);
        Assert.Equal(14, score.Score);
        Assert.Contains("7 voter(s) in the last 90 days × 2", score.Reach.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("2", 2)]
    [InlineData("1", 1)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.25", 0.25)]
    public void Score_DefaultImpactScale_MapsEachValue(string value, double expected)
    {
        var score = Score([$"impact::{value}", "confidence::100", "effort::1"], voters: 4);

        Assert.Equal(expected, score.Impact.Value);
        Assert.Equal($"label `impact::{value}`", score.Impact.Source);
        Assert.Equal(4 * expected, score.Score);
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData("80", 80)]
    [InlineData("50", 50)]
    public void Score_DefaultConfidenceScale_MapsEachValue(string value, double expected)
    {
        var score = Score(["impact::1", $"confidence::{value}", "effort::1"], voters: 10);

        Assert.Equal(expected, score.Confidence.Value);
        Assert.Equal($"label `confidence::{value}`", score.Confidence.Source);
        Assert.Equal(expected / 10, score.Score!.Value, precision: 9);
    }

    [Fact]
    public void Score_WithoutConfidenceLabel_UsesDefaultFifty()
    {
        var score = Score(["impact::1", "effort::1"], voters: 10);

        Assert.Equal(50, score.Confidence.Value);
        Assert.Equal("no confidence label, the default (50)", score.Confidence.Source);
        Assert.Contains("default", score.Confidence.Source, StringComparison.Ordinal);
        Assert.Equal(5, score.Score);
    }

    [Fact]
    public void Score_WithCustomDefaultConfidence_UsesIt()
    {
        var score = Score(["impact::1", "effort::1"], voters: 10, rules: new RiceRules { DefaultConfidence = 30 });

        Assert.Equal(30, score.Confidence.Value);
        Assert.Equal(3, score.Score!.Value, precision: 9);
    }

    [Fact]
    public void Score_WithoutImpactLabel_NeedsInput()
    {
        var score = Score(["confidence::100", "effort::1"], voters: 10);

        Assert.Null(score.Impact.Value);
        Assert.Equal("no impact label", score.Impact.Source);
        Assert.Null(score.Score);
        Assert.True(score.NeedsInput);
        Assert.Equal(["impact"], score.Missing);
    }

    [Fact]
    public void Score_WithoutEffortLabelOrWeight_NeedsInput()
    {
        var score = Score(["impact::2"], weight: null, voters: 10);

        Assert.Null(score.Effort.Value);
        Assert.Equal("no `effort::` label and no weight", score.Effort.Source);
        Assert.Null(score.Score);
        Assert.True(score.NeedsInput);
        Assert.Equal(["effort"], score.Missing);
    }

    [Fact]
    public void Score_WithoutImpactAndEffort_MissingListsBothInRiceOrder()
    {
        var score = Score([], voters: 3);

        Assert.True(score.NeedsInput);
        Assert.Equal(["impact", "effort"], score.Missing);
        Assert.Equal(3, score.Reach.Value);
        Assert.Equal(50, score.Confidence.Value);
    }

    [Fact]
    public void Score_ImpactNotOnScale_NeedsInputAndNamesTheLabel()
    {
        var score = Score(["impact::7", "effort::1"], voters: 10);

        Assert.Null(score.Impact.Value);
        Assert.Null(score.Score);
        Assert.Equal(["impact"], score.Missing);
        Assert.StartsWith("`impact::7` is not on the scale (", score.Impact.Source, StringComparison.Ordinal);
        Assert.Contains("`impact::0.25`", score.Impact.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ImpactOnScaleAndOneNotOnScale_NeedsInput()
    {
        var score = Score(["impact::2", "impact::huge", "effort::1"], voters: 10);

        Assert.Null(score.Impact.Value);
        Assert.StartsWith("`impact::huge` is not on the scale", score.Impact.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ConfidenceNotOnScale_FallsBackToDefaultAndSaysWhy()
    {
        var score = Score(["impact::1", "confidence::90", "effort::1"], voters: 10);

        Assert.Equal(50, score.Confidence.Value);
        Assert.StartsWith("`confidence::90` is not on the scale", score.Confidence.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.50")]
    [InlineData(".5")]
    [InlineData(" 0.5")]
    public void Score_ImpactWrittenDifferently_MatchesTheScaleNumber(string value)
    {
        var score = Score([$"impact::{value}", "confidence::100", "effort::1"], voters: 10);

        Assert.Equal(0.5, score.Impact.Value);
        Assert.Equal(5, score.Score);
    }

    [Fact]
    public void Score_ScopeInOtherCase_IsRecognised()
    {
        var score = Score(["Impact::2", "CONFIDENCE::80", "Effort::2"], voters: 10);

        Assert.Equal(2, score.Impact.Value);
        Assert.Equal(80, score.Confidence.Value);
        Assert.Equal(2, score.Effort.Value);
        Assert.Equal(8, score.Score!.Value, precision: 9);
    }

    [Fact]
    public void Score_TwoImpactLabels_LowestCountsAndSourceSaysSo()
    {
        var score = Score(["impact::3", "impact::0.5", "effort::1"], voters: 10);

        Assert.Equal(0.5, score.Impact.Value);
        Assert.Equal("label `impact::0.5` (the lowest of 2 impact labels)", score.Impact.Source);
    }

    [Fact]
    public void Score_TwoConfidenceLabels_LowestCounts()
    {
        var score = Score(["impact::1", "confidence::100", "confidence::50", "effort::1"], voters: 10);

        Assert.Equal(50, score.Confidence.Value);
        Assert.Contains("the lowest of 2 confidence labels", score.Confidence.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_SameImpactLabelTwiceInOtherCase_CountsAsOne()
    {
        var score = Score(["impact::2", "IMPACT::2", "effort::1"], voters: 10);

        Assert.Equal(2, score.Impact.Value);
        Assert.DoesNotContain("lowest", score.Impact.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_TwoEffortLabels_HighestCountsAndSourceSaysSo()
    {
        var score = Score(["impact::1", "effort::0.5", "effort::3"], voters: 10);

        Assert.Equal(3, score.Effort.Value);
        Assert.Equal("label `effort::3` (the highest of 2 effort labels)", score.Effort.Source);
    }

    [Fact]
    public void Score_EffortLabelAndWeight_LabelWins()
    {
        var score = Score(["impact::1", "effort::2"], weight: 8, voters: 10);

        Assert.Equal(2, score.Effort.Value);
        Assert.Equal("label `effort::2`", score.Effort.Source);
    }

    [Fact]
    public void Score_NoEffortLabel_UsesWeightTimesMonthsPerWeight()
    {
        var score = Score(["impact::1", "confidence::100"], weight: 3, voters: 6, rules: new RiceRules { MonthsPerWeight = 0.5 });

        Assert.Equal(1.5, score.Effort.Value);
        Assert.Equal("issue weight 3 × 0.5 person-month(s)", score.Effort.Source);
        Assert.Equal(4, score.Score!.Value, precision: 9);
    }

    [Fact]
    public void Score_WeightZero_EffortMissing()
    {
        var score = Score(["impact::1"], weight: 0, voters: 10);

        Assert.Null(score.Effort.Value);
        Assert.Equal("issue weight 0 is no effort estimate", score.Effort.Source);
        Assert.Equal(["effort"], score.Missing);
    }

    [Fact]
    public void Score_UseWeightOff_IgnoresWeight()
    {
        var score = Score(["impact::1"], weight: 5, voters: 10, rules: new RiceRules { UseWeight = false });

        Assert.Null(score.Effort.Value);
        Assert.Equal("no `effort::` label", score.Effort.Source);
        Assert.True(score.NeedsInput);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    public void Score_EffortNotAPositiveNumber_MissingWithExplanation(string value)
    {
        var score = Score(["impact::1", $"effort::{value}"], weight: 4, voters: 10);

        Assert.Null(score.Effort.Value);
        Assert.Equal($"`effort::{value}` is not a positive number of person-months", score.Effort.Source);
        Assert.Equal(["effort"], score.Missing);
    }

    [Fact]
    public void Score_CustomScalesAndScopes_AreUsed()
    {
        var rules = new RiceRules
        {
            ImpactScope = "value",
            ImpactScale = new Dictionary<string, double> { ["high"] = 2, ["low"] = 0.5 },
            ConfidenceScope = "sure",
            ConfidenceScale = new Dictionary<string, double> { ["yes"] = 90, ["no"] = 20 },
            EffortScope = "months",
        };

        var score = Score(["value::High", "sure::no", "months::2", "impact::3"], voters: 10, rules: rules);

        Assert.Equal(2, score.Impact.Value);
        Assert.Equal(20, score.Confidence.Value);
        Assert.Equal(2, score.Effort.Value);
        Assert.Equal(2, score.Score!.Value, precision: 9);
    }

    [Fact]
    public void Score_CustomScale_ReplacesDefaultValues()
    {
        var rules = new RiceRules { ImpactScale = new Dictionary<string, double> { ["high"] = 2, ["low"] = 0.5 } };

        var score = Score(["impact::3", "effort::1"], voters: 10, rules: rules);

        Assert.Null(score.Impact.Value);
        Assert.Equal("`impact::3` is not on the scale (`impact::high`, `impact::low`)", score.Impact.Source);
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(12, "12")]
    [InlineData(38.4, "38.4")]
    [InlineData(1.0 / 3, "0.33")]
    [InlineData(2.005001, "2.01")]
    public void Number_IsInvariantWithAtMostTwoDecimals(double value, string expected) =>
        Assert.Equal(expected, RiceCalculator.Number(value));

    [Fact]
    public void Score_SameRulesAcrossIssues_ExplainsEachIssuesOwnSpelling()
    {
        // Factors that repeat between issues are shared per rules; each label spelling keeps its own explanation.
        var rules = new RiceRules();

        var lower = Score(["impact::2", "effort::1"], rules: rules);
        var upper = Score(["IMPACT:: 2 ", "effort::1"], rules: rules);
        var both = Score(["impact::2", "impact::3", "effort::1"], rules: rules);

        Assert.Equal("label `impact::2`", lower.Impact.Source);
        Assert.Equal("label `impact::2`", upper.Impact.Source);
        Assert.Equal("label `impact::2` (the lowest of 2 impact labels)", both.Impact.Source);
        Assert.Equal(Score(["impact::2", "effort::1"], rules: new RiceRules()), lower);
    }
}
