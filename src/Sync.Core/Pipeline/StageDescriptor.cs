using Sync.Core.Products;

namespace Sync.Core.Pipeline;

/// <summary>
/// One stage of a product's pipeline, declared once in <see cref="PipelineStages"/> and read by the pipeline (which steps
/// run), the recurring-job registrar and the configuration validator (its cron), the dashboard (its button) and the
/// trigger queue (which pending triggers a run takes).
/// </summary>
/// <param name="Name">The stage's stable name: job ids, trigger rows, metric tags and dashboard routes use it.</param>
/// <param name="OwnSteps">The steps this stage adds, in pipeline order; <see cref="Steps"/> adds its dependencies' steps.</param>
public sealed record StageDescriptor(string Name, IReadOnlyList<string> OwnSteps)
{
    /// <summary>The stages whose output this one reads, so it runs their steps first (RICE reads the votes).</summary>
    public IReadOnlyList<StageDescriptor> DependsOn { get; init; } = [];

    /// <summary>
    /// The key of the stage's cron under a product's <c>Schedule</c> section (<c>Schedule:Move</c>); null when the
    /// stage is only run on request (a full resync).
    /// </summary>
    public string? CronKey { get; init; }

    /// <summary>The cron used when the configuration does not set <see cref="CronKey"/>.</summary>
    public string DefaultCron { get; init; } = string.Empty;

    /// <summary>Whether the product runs this stage at all (RICE and the roadmap only when enabled).</summary>
    public Func<ProductDefinition, bool> IsEnabled { get; init; } = static _ => true;

    /// <summary>The label of the dashboard button that requests a run of this stage; null: no button.</summary>
    public string? DashboardAction { get; init; }

    /// <summary>Every step the stage runs: its dependencies' and its own, in pipeline order.</summary>
    public IReadOnlyList<string> Steps =>
        [.. PipelineStages.StepOrder.Where(step => OwnSteps.Contains(step) || DependsOn.Any(d => d.Steps.Contains(step)))];
}
