using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Pipeline;

public sealed class PipelineStagesTests
{
    private static readonly ProductDefinition Plain = new("widget", ProjectRef.Parse("pub:acme/widget"), []);

    [Fact]
    public void Descriptors_AreAllThenTheScheduledStagesInDashboardOrder()
    {
        Assert.Equal(["all", "move", "votes", "lifecycle", "rice", "roadmap", "releases"], PipelineStages.Known);
        Assert.Equal(["move", "votes", "lifecycle", "rice", "roadmap", "releases"], PipelineStages.Scheduled.Select(s => s.Name));
    }

    [Fact]
    public void Steps_AreTheDependenciesStepsThenTheStagesOwn_InPipelineOrder()
    {
        Assert.Equal(["votes", "lifecycle", "rice", "roadmap"], PipelineStages.RoadmapStage.Steps);
        Assert.Equal(["votes", "lifecycle", "rice"], PipelineStages.RiceStage.Steps);
        Assert.Equal(["votes", "lifecycle"], PipelineStages.LifecycleStage.Steps);
        Assert.Equal(["releases"], PipelineStages.ReleasesStage.Steps);
        Assert.Equal(PipelineStages.StepOrder, PipelineStages.AllStage.Steps);
    }

    [Fact]
    public void EveryScheduledStage_HasADistinctCronKeyAndAValidLookingDefault()
    {
        Assert.All(PipelineStages.Scheduled, s => Assert.False(string.IsNullOrWhiteSpace(s.CronKey)));
        Assert.All(PipelineStages.Scheduled, s => Assert.False(string.IsNullOrWhiteSpace(s.DefaultCron)));
        Assert.Equal(PipelineStages.Scheduled.Count, PipelineStages.Scheduled.Select(s => s.CronKey).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Null(PipelineStages.AllStage.CronKey);
    }

    [Fact]
    public void EveryDeclaredStep_IsRunByAtLeastOneScheduledStage()
    {
        Assert.Equal(PipelineStages.StepOrder, PipelineStages.StepOrder.Where(step => PipelineStages.Scheduled.Any(s => s.Steps.Contains(step))));
    }

    [Fact]
    public void EnabledFor_RunsTheLifecycleRiceTheRoadmapAndReleaseNotesOnlyWhenTheProductEnablesThem()
    {
        Assert.Equal(["all", "move", "votes"], PipelineStages.EnabledFor(Plain).Select(s => s.Name));

        Assert.Equal(["all", "move", "votes", "rice"], PipelineStages.EnabledFor(Plain with { Rice = new RiceRules() }).Select(s => s.Name));

        var scored = Plain with { Rice = new RiceRules(), Roadmap = new RoadmapRules(), Lifecycle = new(), ReleaseNotes = new() };

        Assert.Equal(PipelineStages.Known, PipelineStages.EnabledFor(scored).Select(s => s.Name));
    }

    [Fact]
    public void Get_UnknownStage_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineStages.Get("triage"));

        Assert.StartsWith("Unknown stage 'triage' (stages: all, move, votes, lifecycle, rice, roadmap, releases)", error.Message, StringComparison.Ordinal);
    }
}
