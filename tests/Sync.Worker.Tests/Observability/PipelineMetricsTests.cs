using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sync.Core.Pipeline;
using Sync.Worker.Observability;

namespace Sync.Worker.Tests.Observability;

public sealed class PipelineMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Meters, "IssueSync", instrument);

    private static StepRunSummary Step(string name, double seconds, string? error = null, params (string Key, long Value)[] metrics) =>
        new(name, new StepResult([], metrics.ToDictionary(m => m.Key, m => m.Value)), error, TimeSpan.FromSeconds(seconds));

    private static ProductRunSummary Run(params StepRunSummary[] steps) => new("widget", "github:acme/widget", steps, []);

    [Fact]
    public void SucceededRun_RecordsDurationMovesAndLabelWritesPerStep()
    {
        using var duration = Collect<double>(PipelineMetrics.JobDurationName);
        using var moves = Collect<long>(PipelineMetrics.MovesName);
        using var labels = Collect<long>(PipelineMetrics.LabelWritesName);
        using var failures = Collect<long>(PipelineMetrics.JobFailuresName);
        var metrics = new PipelineMetrics(Meters);

        metrics.Record(
            Run(
                Step("inventory", 0.5),
                Step("move", 2, null, ("moved", 3), ("failed", 1), ("skipped", 7), ("moveLabelWrites", 2)),
                Step("votes", 1),
                Step("rice", 1, null, ("riceLabelWrites", 4), ("riceScored", 9)),
                Step("roadmap", 0.5, null, ("roadmapLabelWrites", 5))),
            PipelineStages.All,
            dryRun: false);

        var run = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(5, run.Value, precision: 6);
        Assert.Equal("widget", run.Tags["product"]);
        Assert.Equal("all", run.Tags["stage"]);
        Assert.Equal("succeeded", run.Tags["outcome"]);

        Assert.Equal(3, moves.GetMeasurementSnapshot().Single(m => (string?)m.Tags["outcome"] == "moved").Value);
        Assert.Equal(1, moves.GetMeasurementSnapshot().Single(m => (string?)m.Tags["outcome"] == "failed").Value);
        Assert.All(moves.GetMeasurementSnapshot(), m => Assert.Equal("widget", m.Tags["product"]));

        var byStep = labels.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["step"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["move"] = 2, ["rice"] = 4, ["roadmap"] = 5 }, byStep);
        Assert.Empty(failures.GetMeasurementSnapshot());
    }

    [Fact]
    public void FailedStep_CountsOneFailureTaggedWithTheStep()
    {
        using var duration = Collect<double>(PipelineMetrics.JobDurationName);
        using var failures = Collect<long>(PipelineMetrics.JobFailuresName);
        var metrics = new PipelineMetrics(Meters);

        metrics.Record(Run(Step("votes", 1), Step("rice", 2, "TrackerUnavailableException: 503")), PipelineStages.Rice, dryRun: false);

        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, failure.Value);
        Assert.Equal(new Dictionary<string, object?> { ["product"] = "widget", ["stage"] = "rice", ["step"] = "rice" }, failure.Tags);
        Assert.Equal("failed", Assert.Single(duration.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public void BusyProduct_IsNeitherAFailureNorWrites()
    {
        using var duration = Collect<double>(PipelineMetrics.JobDurationName);
        using var failures = Collect<long>(PipelineMetrics.JobFailuresName);
        var metrics = new PipelineMetrics(Meters);

        metrics.Record(Run(Step(PipelineMetrics.LeaseStep, 0, "another run of product 'widget' is in progress")), PipelineStages.Move, dryRun: false);

        Assert.Equal("busy", Assert.Single(duration.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Empty(failures.GetMeasurementSnapshot());
    }

    [Fact]
    public void DryRun_RecordsDurationButNoMovesOrLabelWrites()
    {
        using var duration = Collect<double>(PipelineMetrics.JobDurationName);
        using var moves = Collect<long>(PipelineMetrics.MovesName);
        using var labels = Collect<long>(PipelineMetrics.LabelWritesName);
        var metrics = new PipelineMetrics(Meters);

        metrics.Record(Run(Step("move", 1, null, ("moved", 3)), Step("rice", 1, null, ("riceLabelWrites", 4))), PipelineStages.All, dryRun: true);

        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Empty(moves.GetMeasurementSnapshot());
        Assert.Empty(labels.GetMeasurementSnapshot());
    }
}
