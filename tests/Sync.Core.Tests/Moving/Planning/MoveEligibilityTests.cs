using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class MoveEligibilityTests
{
    private static readonly DateTimeOffset Now = PlanningFixtures.Created.AddDays(10);

    private static (bool Eligible, string Reason) Check(TrackerIssue issue, MoveRules? rules = null)
    {
        var eligible = (rules ?? new MoveRules()).IsEligible(issue, Now, out var reason);
        return (eligible, reason);
    }

    [Fact]
    public void IsEligible_OpenIssueWithPublicLabel_IsEligible()
    {
        Assert.Equal((true, "eligible"), Check(PlanningFixtures.Issue()));
    }

    [Fact]
    public void IsEligible_LabelsCompareCaseInsensitively()
    {
        Assert.True(Check(PlanningFixtures.Issue() with { Labels = ["PUBLIC"] }).Eligible);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("confidential")]
    [InlineData("missing label 'public'")]
    [InlineData("excluded by label 'security'")]
    [InlineData("already moved (label 'moved')")]
    public void IsEligible_RuleBroken_IsNotEligibleWithReason(string reason)
    {
        var issue = reason switch
        {
            "closed" => PlanningFixtures.Issue() with { State = IssueState.Closed },
            "confidential" => PlanningFixtures.Issue() with { Confidential = true },
            "missing label 'public'" => PlanningFixtures.Issue() with { Labels = ["bug"] },
            "excluded by label 'security'" => PlanningFixtures.Issue() with { Labels = ["public", "Security"] },
            _ => PlanningFixtures.Issue() with { Labels = ["public", "moved"] },
        };

        Assert.Equal((false, reason), Check(issue, new MoveRules { ExcludeLabels = ["security"] }));
    }

    [Fact]
    public void IsEligible_ConfidentialWhenIncluded_IsEligible()
    {
        Assert.True(Check(PlanningFixtures.Issue() with { Confidential = true }, new MoveRules { IncludeConfidential = true }).Eligible);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(9, false)]
    public void IsEligible_MaxAgeDays_EdgeIsInclusive(int days, bool eligible)
    {
        Assert.Equal(eligible, Check(PlanningFixtures.Issue(), new MoveRules { MaxAgeDays = days }).Eligible);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(8, false)]
    public void IsEligible_UpdatedWithinDays_EdgeIsInclusive(int days, bool eligible)
    {
        var (actual, reason) = Check(PlanningFixtures.Issue(), new MoveRules { UpdatedWithinDays = days });

        Assert.Equal(eligible, actual);
        Assert.Equal(eligible ? "eligible" : $"not updated within {days} days", reason);
    }
}
