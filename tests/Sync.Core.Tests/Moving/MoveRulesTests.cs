using Sync.Core.Moving;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving;

/// <summary>The listing request and the cross-field checks that live on the rules themselves.</summary>
public sealed class MoveRulesTests
{
    [Fact]
    public void ListingQuery_Unconfigured_AsksForOpenIssuesWithTheDefaultLabel()
    {
        var query = new MoveRules().ListingQuery;

        Assert.Equal(IssueStateFilter.Open, query.State);
        Assert.Equal([MoveRules.DefaultLabel], query.Labels);
    }

    [Fact]
    public void ListingQuery_Configured_AsksForEveryConfiguredLabelInstead()
    {
        var query = new MoveRules { Labels = ["external", "docs"] }.ListingQuery;

        Assert.Equal(["external", "docs"], query.Labels);
    }

    [Fact]
    public void Validate_DefaultRules_HaveNoErrors()
    {
        var errors = new List<string>();

        new MoveRules().Validate("k", errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EveryBrokenCrossFieldRule_IsOneErrorStartingWithItsKey()
    {
        var rules = new MoveRules
        {
            Labels = ["ok", "a,b"],
            ExcludeLabels = ["OK"],
            DropLabels = [" "],
            MovedLabel = "",
            LabelMap = new() { ["x"] = "" },
            UserMap = new() { ["alice"] = "not a user" },
        };
        var errors = new List<string>();

        rules.Validate("P:Sources:0", errors);

        Assert.Equal(
            [
                "P:Sources:0:Labels:1: 'a,b' is not a label name (empty or contains a comma)",
                "P:Sources:0:DropLabels:0: ' ' is not a label name (empty or contains a comma)",
                "P:Sources:0:ExcludeLabels: 'OK' is also in Labels, so no issue could ever move",
                "P:Sources:0:MovedLabel: is empty; it marks moved sources and keeps them from moving twice",
                "P:Sources:0:LabelMap:x: maps to an empty label name (use DropLabels to drop a label)",
                "P:Sources:0:UserMap:alice: 'not a user' is not a username",
            ],
            errors);
    }
}
