using System.Text.RegularExpressions;
using Sync.Core.Rice;

namespace Sync.Core.Tests.Rice;

public sealed class RiceLabelsTests
{
    private static readonly RiceRules Defaults = new();

    [Fact]
    public void Plan_NoBucketLabel_AddsIt()
    {
        var change = RiceLabels.Plan(["bug", "impact::2"], RiceBucket.High, Defaults);

        Assert.Equal(["rice::high"], change.Add);
        Assert.Empty(change.Remove);
        Assert.False(change.IsEmpty);
        Assert.Equal("+rice::high", change.ToString());
    }

    [Fact]
    public void Plan_ExactlyTheRightLabel_ChangesNothing()
    {
        var change = RiceLabels.Plan(["bug", "rice::medium"], RiceBucket.Medium, Defaults);

        Assert.True(change.IsEmpty);
        Assert.Equal(string.Empty, change.ToString());
    }

    [Fact]
    public void Plan_RightLabelInOtherCase_ChangesNothing()
    {
        var change = RiceLabels.Plan(["RICE::High"], RiceBucket.High, Defaults);

        Assert.True(change.IsEmpty);
    }

    [Fact]
    public void Plan_SecondBucketLabelAddedByHand_RemovesOnlyThatOne()
    {
        var change = RiceLabels.Plan(["rice::high", "rice::low"], RiceBucket.High, Defaults);

        Assert.Empty(change.Add);
        Assert.Equal(["rice::low"], change.Remove);
        Assert.Equal("-rice::low", change.ToString());
    }

    [Fact]
    public void Plan_OldBucket_AddsNewAndRemovesOld()
    {
        var change = RiceLabels.Plan(["bug", "rice::low"], RiceBucket.Top, Defaults);

        Assert.Equal(["rice::top"], change.Add);
        Assert.Equal(["rice::low"], change.Remove);
        Assert.Equal("+rice::top -rice::low", change.ToString());
    }

    [Fact]
    public void Plan_OldBucketInOtherCase_IsRemovedAsWritten()
    {
        var change = RiceLabels.Plan(["Rice::Low"], RiceBucket.NeedsInput, Defaults);

        Assert.Equal(["rice::needs-input"], change.Add);
        Assert.Equal(["Rice::Low"], change.Remove);
    }

    [Fact]
    public void Plan_SeveralStaleBucketLabels_RemovesAllInOrdinalOrder()
    {
        var change = RiceLabels.Plan(["rice::top", "rice::low", "rice::high"], RiceBucket.Medium, Defaults);

        Assert.Equal(["rice::medium"], change.Add);
        Assert.Equal(["rice::high", "rice::low", "rice::top"], change.Remove);
    }

    [Theory]
    [InlineData("rice::manual")]
    [InlineData("RICE::Manual")]
    public void Plan_OverrideLabel_ChangesNothingEvenWithTwoBucketLabels(string overrideLabel)
    {
        var change = RiceLabels.Plan(["rice::high", "rice::low", overrideLabel], RiceBucket.Top, Defaults);

        Assert.True(change.IsEmpty);
        Assert.Empty(change.Add);
        Assert.Empty(change.Remove);
        Assert.True(RiceLabels.IsManual(["bug", overrideLabel], Defaults));
    }

    [Fact]
    public void Plan_OtherLabels_AreNeverRemoved()
    {
        var change = RiceLabels.Plan(["bug", "impact::2", "effort::1", "confidence::80", "price::high", "rice", "rice::top"], RiceBucket.Low, Defaults);

        Assert.Equal(["rice::low"], change.Add);
        Assert.Equal(["rice::top"], change.Remove);
    }

    [Fact]
    public void IsBucketLabel_OverrideLabelOfTheScope_IsNotABucketLabel()
    {
        Assert.False(Defaults.IsBucketLabel("rice::manual"));
        Assert.True(Defaults.IsBucketLabel("rice::top"));
        Assert.True(Defaults.IsBucketLabel("Rice::Whatever"));
        Assert.False(Defaults.IsBucketLabel("rice"));
        Assert.False(Defaults.IsBucketLabel("priority::top"));
    }

    [Fact]
    public void Plan_CustomScope_UsesAndReplacesItsLabels()
    {
        var rules = new RiceRules { Scope = "prio", OverrideLabel = "prio-fixed" };

        var change = RiceLabels.Plan(["prio::low", "rice::low"], RiceBucket.High, rules);

        Assert.Equal(["prio::high"], change.Add);
        Assert.Equal(["prio::low"], change.Remove);
        Assert.Equal("prio::needs-input", rules.LabelOf(RiceBucket.NeedsInput));
        Assert.True(RiceLabels.Plan(["prio::low", "prio-fixed"], RiceBucket.High, rules).IsEmpty);
    }

    [Theory]
    [InlineData(RiceBucket.Top)]
    [InlineData(RiceBucket.High)]
    [InlineData(RiceBucket.Medium)]
    [InlineData(RiceBucket.Low)]
    [InlineData(RiceBucket.NeedsInput)]
    public void Look_EachBucket_HasHexColourAndDescription(RiceBucket bucket)
    {
        var (color, description) = RiceLabels.Look(bucket, Defaults);

        Assert.Matches(new Regex("^#[0-9A-F]{6}$"), color);
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.Contains("IssueSync", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Look_Buckets_HaveDistinctColours()
    {
        var colours = Enum.GetValues<RiceBucket>().Select(b => RiceLabels.Look(b, Defaults).Color).ToList();

        Assert.Equal(colours.Count, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Look_NeedsInput_NamesTheImpactScope()
    {
        var (_, description) = RiceLabels.Look(RiceBucket.NeedsInput, new RiceRules { ImpactScope = "value" });

        Assert.Contains("value::", description, StringComparison.Ordinal);
    }
}
