using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class LabelPlannerTests
{
    private static readonly TrackerLabel[] Details =
    [
        new("Bug", "#d9534f", "Something is broken"),
        new("ux", "#5cb85c"),
    ];

    [Fact]
    public void Plan_DropsEligibilityDroppedAndMovedLabels_MapsAndSortsTheRest()
    {
        var rules = new MoveRules
        {
            DropLabels = ["workflow::doing"],
            LabelMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ux"] = "design" },
        };

        var labels = LabelPlanner.Plan(["public", "PUBLIC", "workflow::doing", "moved", "ux", "zeta", "bug"], rules, Details);

        Assert.Equal(
            [
                new TrackerLabel("bug", "#d9534f", "Something is broken"),
                new TrackerLabel("design", "#5cb85c"),
                new TrackerLabel("zeta", LabelPlanner.DefaultColor),
            ],
            labels);
    }

    [Fact]
    public void Plan_EligibilityLabelThatIsMapped_Travels()
    {
        var rules = new MoveRules { LabelMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Public"] = "community" } };

        var labels = LabelPlanner.Plan(["public"], rules, []);

        Assert.Equal([new TrackerLabel("community", LabelPlanner.DefaultColor)], labels);
    }

    [Fact]
    public void Plan_TwoLabelsMappedToOneName_AppearOnce()
    {
        var rules = new MoveRules { LabelMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["defect"] = "Bug" } };

        var labels = LabelPlanner.Plan(["defect", "bug"], rules, Details);

        Assert.Equal(["Bug"], labels.Select(l => l.Name));
    }
}
