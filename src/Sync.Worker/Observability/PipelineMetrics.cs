using System.Diagnostics.Metrics;
using Sync.Core.Pipeline;
using Sync.Worker.Trackers;

namespace Sync.Worker.Observability;

/// <summary>
/// The one place job and step metrics are recorded, from what a product run returns (its
/// <see cref="ProductRunSummary"/> and the steps' <see cref="StepResult.Metrics"/>). Used by the Hangfire job and
/// by <c>--once</c>. Tags are product keys, stage and step names from configuration and code: never a token, a URL
/// or issue content.
/// </summary>
internal sealed class PipelineMetrics
{
    public const string JobDurationName = "issuesync.job.duration";
    public const string JobFailuresName = "issuesync.job.failures";
    public const string MovesName = "issuesync.moves";
    public const string LabelWritesName = "issuesync.label.writes";

    /// <summary>The step <see cref="ProductPipeline"/> reports when another run holds the product's lease.</summary>
    public const string LeaseStep = "lease";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _moves;
    private readonly Counter<long> _labelWrites;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RequestCounter.MeterName);
        _duration = meter.CreateHistogram(
            JobDurationName,
            unit: "s",
            description: "Duration of one product run (the sum of its steps), by product, stage and outcome",
            tags: null,
            // Runs take seconds to many minutes; the SDK's default buckets are meant for milliseconds.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _failures = meter.CreateCounter<long>(JobFailuresName, unit: "{run}", description: "Product runs that failed, by product, stage and failing step");
        _moves = meter.CreateCounter<long>(MovesName, unit: "{issue}", description: "Issues moved or failed to move, by product and outcome");
        _labelWrites = meter.CreateCounter<long>(LabelWritesName, unit: "{write}", description: "Label changes written to trackers, by product and step");
    }

    public static bool IsBusy(ProductRunSummary summary) => summary.Steps is [{ Step: LeaseStep, Error: not null }];

    /// <param name="stage">The <see cref="PipelineStages"/> stage that ran.</param>
    /// <param name="dryRun">A dry run wrote nothing: only its duration is recorded.</param>
    public void Record(ProductRunSummary summary, string stage, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var product = new KeyValuePair<string, object?>("product", summary.Product);
        var stageTag = new KeyValuePair<string, object?>("stage", stage);
        var outcome = IsBusy(summary) ? "busy" : summary.Succeeded ? "succeeded" : "failed";
        var seconds = summary.Steps.Sum(s => s.Duration.TotalSeconds);
        _duration.Record(seconds, product, stageTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "busy")
        {
            return;
        }

        foreach (var failed in summary.Steps.Where(s => s.Error is not null))
        {
            _failures.Add(1, product, stageTag, new KeyValuePair<string, object?>("step", failed.Step));
        }

        if (dryRun)
        {
            return;
        }

        foreach (var step in summary.Steps)
        {
            var metrics = step.Result.Metrics;
            if (step.Step == StepNames.Move)
            {
                _moves.Add(metrics.GetValueOrDefault("moved"), product, new KeyValuePair<string, object?>("outcome", "moved"));
                _moves.Add(metrics.GetValueOrDefault("failed"), product, new KeyValuePair<string, object?>("outcome", "failed"));
            }

            // Only declared steps become tags, so a tag's values stay the known step names.
            if (PipelineStages.StepOrder.Contains(step.Step) && metrics.TryGetValue(StepNames.LabelWritesMetric(step.Step), out var writes))
            {
                _labelWrites.Add(writes, product, new KeyValuePair<string, object?>("step", step.Step));
            }
        }
    }
}
