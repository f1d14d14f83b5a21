namespace Sync.Core.Pipeline;

/// <summary>
/// One step of a product's pipeline (inventory → move → votes → RICE → roadmap). Steps run in
/// <see cref="PipelineStages.StepOrder"/>, take identifiers only, and are safe to run twice.
/// </summary>
public interface IPipelineStep
{
    /// <summary>Short stable name shown in summaries and metrics: one of <see cref="StepNames"/>.</summary>
    string Name { get; }

    Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken);
}
